package dev.shipgate.deploy.deployment.domain;

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
}
