package dev.shipgate.deploy.deployment.application;

import java.time.Instant;

/**
 * Who holds a piece of work, and until when. The rule every {@link Leases} store applies in one atomic step: a lease
 * may be taken by anyone once it has run out ({@code until} not after now) and renewed by its holder at any time; no
 * one else may take it before then.
 */
public record Lease(String holder, Instant until) {

    public boolean takeableBy(String owner, Instant now) {
        return holder.equals(owner) || !until.isAfter(now);
    }

    /** Whether {@code owner} may act on the work at {@code now}. */
    public boolean heldBy(String owner, Instant now) {
        return holder.equals(owner) && until.isAfter(now);
    }
}
