package dev.shipgate.support.messaging;

import dev.shipgate.support.config.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Where a service's outboxes live and how often the relay looks for leftovers ({@code shipgate.outbox.*}); checked
 * at start.
 *
 * @param collections the collections whose documents carry an {@code outbox} array (comma-separated in YAML); the
 *                    relay refuses a write queued for any other, whose events a sweep would never find
 * @param retryMillis after a failed send or sweep, the pause in ms before the relay sweeps again (default 250)
 * @param sweepMillis the pause in ms between two sweeps for leftovers when nothing failed (default 10,000)
 */
@ConfigurationProperties("shipgate.outbox")
public record OutboxSettings(@DefaultValue List<String> collections, @DefaultValue("250") long retryMillis,
                             @DefaultValue("10000") long sweepMillis) {

    public OutboxSettings {
        collections = List.copyOf(collections);
        Positive.requireMillis("shipgate.outbox.retry-millis", retryMillis);
        Positive.requireMillis("shipgate.outbox.sweep-millis", sweepMillis);
    }
}
