package dev.shipgate.deploy.deployment.adapter;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The simulated target ({@code shipgate.targets.simulated.*}); checked at start.
 *
 * @param progressTime how long a simulated rollout progresses before it is HEALTHY (default 20 s), never negative
 */
@Validated
@ConfigurationProperties("shipgate.targets.simulated")
record SimulatedTargetProperties(@NotNull @DurationMin(millis = 0) @DefaultValue("PT20S") Duration progressTime) {
}
