package dev.shipgate.support.lease;

import java.util.UUID;

/**
 * Names this process among the instances of its service, as the holder of leases: {@code service@host/random}. The
 * random part is new at each start, so two processes on one host (or a restarted one) never pass for each other; a
 * restarted instance waits for its former leases to run out like any other.
 */
public record InstanceId(String value) {

    public InstanceId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an instance id is needed");
        }
    }

    /** {@code hostname} may be null or blank (not in a container): "local" then. */
    public static InstanceId of(String serviceName, String hostname) {
        String host = hostname == null || hostname.isBlank() ? "local" : hostname;
        return new InstanceId(serviceName + "@" + host + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public String toString() {
        return value;
    }
}
