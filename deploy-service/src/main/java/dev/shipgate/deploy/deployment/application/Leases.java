package dev.shipgate.deploy.deployment.application;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Leases shared by every instance of the service, one per key (here: a pipeline id), so that each piece of work is
 * done by one live instance and taken over by another when its holder dies. The rule is {@link Lease}'s; each key is
 * taken or renewed atomically, so two instances asking at once never both get it.
 */
public interface Leases {

    /**
     * Takes or renews, for {@code owner} until {@code until}, each of {@code keys} whose lease is missing, has run out
     * at {@code now}, or is the owner's already.
     *
     * @return the lease on each of {@code keys} after the call: the owner's until {@code until}, or another instance's
     */
    Map<String, Lease> hold(Collection<String> keys, String owner, Instant now, Instant until);

    /** Ends the owner's leases on {@code keys} (work done), so another instance can take them at once. */
    void release(Collection<String> keys, String owner);
}
