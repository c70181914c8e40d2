package dev.shipgate.support.lease;

import dev.shipgate.support.config.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long an instance holds work that is not an event (a pipeline's rollouts, a mail being sent) without renewing it:
 * {@code shipgate.leases.duration}, default 15 s. A holder renews at every pass (every 0.5-1 s), so this bounds how
 * long the work of an instance that died (SIGKILL: no shutdown hook) waits before another instance takes it over. It
 * must be well above the longest pause of a live holder (a GC pause, a slow target call), and it assumes the
 * instances' clocks agree to well within it.
 *
 * @param duration how long a lease lasts unless renewed, a positive ISO-8601 duration (default 15 s)
 */
@ConfigurationProperties("shipgate.leases")
public record LeaseSettings(@DefaultValue("PT15S") Duration duration) {

    public LeaseSettings {
        Positive.require("shipgate.leases.duration", duration);
    }
}
