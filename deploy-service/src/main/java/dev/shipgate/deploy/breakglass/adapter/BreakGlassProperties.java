package dev.shipgate.deploy.breakglass.adapter;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Break-glass reviews ({@code shipgate.deploy.*}, beside the deploy call's own settings); checked at start.
 *
 * @param reviewSweepInterval how often each instance looks for overdue reviews (default 10 s, at least 10 ms)
 */
@Validated
@ConfigurationProperties("shipgate.deploy")
record BreakGlassProperties(@NotNull @DurationMin(millis = 10) @DefaultValue("PT10S") Duration reviewSweepInterval) {
}
