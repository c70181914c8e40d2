package dev.shipgate.support.lease;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long an instance holds work that is not an event (a pipeline's rollouts, a mail being sent) without renewing it:
 * {@code shipgate.leases.duration}, default 15 s. A holder renews at every pass (every 0.5-1 s), so this bounds how
 * long the work of an instance that died (SIGKILL: no shutdown hook) waits before another instance takes it over. It
 * must be well above the longest pause of a live holder (a GC pause, a slow target call), and it assumes the
 * instances' clocks agree to well within it.
 */
@ConfigurationProperties("shipgate.leases")
public record LeaseSettings(Duration duration) {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(15);

    public LeaseSettings {
        duration = duration == null ? DEFAULT_DURATION : duration;
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("shipgate.leases.duration must be positive: " + duration);
        }
    }
}
