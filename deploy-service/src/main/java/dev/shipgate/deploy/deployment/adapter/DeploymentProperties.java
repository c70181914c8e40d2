package dev.shipgate.deploy.deployment.adapter;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Deploy calls and the rollout monitor ({@code shipgate.deploy.*}); checked at start, each a positive duration.
 *
 * @param maxWait          the longest a deploy call's {@code ?wait=} may wait for its decision (default 60 s;
 *                         {@code SHIPGATE_DEPLOY_MAX_WAIT}); keep it below {@code spring.mvc.async.request-timeout}
 * @param waitPollInterval how often a waiting call re-reads its deployment, for decisions another instance applied
 *                         (default 0.2 s)
 * @param rolloutTimeout   how long a rollout may progress before it is TIMED_OUT (default 10 min)
 * @param fullReadInterval how often the monitor reads every deployment in flight, those of other instances
 *                         included (default 10 s)
 * @param monitorInterval  the pause between two rollout monitor ticks (default 0.5 s)
 */
@Validated
@ConfigurationProperties("shipgate.deploy")
record DeploymentProperties(@NotNull @DurationMin(millis = 1) @DefaultValue("PT60S") Duration maxWait,
                            @NotNull @DurationMin(millis = 1) @DefaultValue("PT0.2S") Duration waitPollInterval,
                            @NotNull @DurationMin(millis = 1) @DefaultValue("PT10M") Duration rolloutTimeout,
                            @NotNull @DurationMin(millis = 1) @DefaultValue("PT10S") Duration fullReadInterval,
                            @NotNull @DurationMin(millis = 1) @DefaultValue("PT0.5S") Duration monitorInterval) {
}
