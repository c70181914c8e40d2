package dev.shipgate.deploy.deployment.application;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** {@link Leases} in memory for unit tests: {@link Lease}'s rule, each call atomic. */
public class InMemoryLeases implements Leases {

    private final Map<String, Lease> leases = new HashMap<>();

    @Override
    public synchronized Map<String, Lease> hold(Collection<String> keys, String owner, Instant now, Instant until) {
        Map<String, Lease> result = new HashMap<>();
        for (String key : keys) {
            Lease current = leases.get(key);
            if (current == null || current.takeableBy(owner, now)) {
                current = new Lease(owner, until);
                leases.put(key, current);
            }
            result.put(key, current);
        }
        return result;
    }

    @Override
    public synchronized void release(Collection<String> keys, String owner) {
        for (String key : keys) {
            Lease current = leases.get(key);
            if (current != null && current.holder().equals(owner)) {
                leases.put(key, new Lease(owner, Instant.EPOCH));
            }
        }
    }
}
