package dev.shipgate.deploy.deployment.domain;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

public enum DeploymentStatus {
    REQUESTED, AUTHORIZED, REJECTED, PROGRESSING, HEALTHY, DEGRADED, FAILED, TIMED_OUT, SUPERSEDED;

    /** Nothing more will happen to it (a HEALTHY one can still be superseded by a newer one). */
    public boolean isFinal() {
        return this == REJECTED || this == FAILED || this == TIMED_OUT || this == SUPERSEDED || this == DEGRADED;
    }

    /** The target is (or is about to be) rolling it out. */
    public boolean isInFlight() {
        return this == AUTHORIZED || this == PROGRESSING;
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
