package dev.shipgate.deploy.deployment.domain;

import dev.shipgate.contracts.events.DeploymentStatusChanged;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A deployment's status. The names and their meaning are the published ones, {@link DeploymentStatusChanged.Status}
 * (DeploymentStatusTest keeps the two lists equal).
 */
public enum DeploymentStatus {
    REQUESTED, AUTHORIZED, REJECTED, PROGRESSING, HEALTHY, DEGRADED, FAILED, TIMED_OUT, SUPERSEDED;

    /** Nothing more will happen to it (a HEALTHY one can still be superseded by a newer one). */
    public boolean isFinal() {
        return published().isFinal();
    }

    /** The target is (or is about to be) rolling it out. */
    public boolean isInFlight() {
        return published().isInFlight();
    }

    /** The same status as published in DeploymentStatusChanged. */
    public DeploymentStatusChanged.Status published() {
        return DeploymentStatusChanged.Status.valueOf(name());
    }

    /** In flight or HEALTHY: what a newer deployment of the pipeline supersedes. */
    public boolean isLive() {
        return this == HEALTHY || isInFlight();
    }

    /** The statuses of which the test holds, in declaration order. */
    public static List<DeploymentStatus> where(Predicate<DeploymentStatus> test) {
        return Arrays.stream(values()).filter(test).toList();
    }
}
