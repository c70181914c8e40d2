package dev.shipgate.deploy.schedule.adapter;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Scheduled deployments ({@code shipgate.deploy.*}, beside the deploy call's own settings); checked at start.
 *
 * @param scheduleInterval how often each instance looks for due schedules (default 2 s, at least 10 ms)
 */
@Validated
@ConfigurationProperties("shipgate.deploy")
record ScheduleProperties(@NotNull @DurationMin(millis = 10) @DefaultValue("PT2S") Duration scheduleInterval) {
}
