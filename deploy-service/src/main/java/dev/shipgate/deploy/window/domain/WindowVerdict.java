package dev.shipgate.deploy.window.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a deploy may start at a moment under a pipeline's windows.
 *
 * @param closedBy    the window that keeps it closed (a blackout it is inside, or the maintenance window that opens
 *                    next); null when open
 * @param nextOpening when deploys may start again; null when open, or when no window ever opens again
 */
public record WindowVerdict(DeploymentWindow closedBy, Instant nextOpening) {

    public static WindowVerdict open() {
        return new WindowVerdict(null, null);
    }

    public boolean isOpen() {
        return closedBy == null;
    }

    public Optional<Instant> opening() {
        return Optional.ofNullable(nextOpening);
    }
}
