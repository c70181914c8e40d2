package dev.shipgate.deploy.window.domain;

/** What a window means for deploys. */
public enum WindowKind {
    /** No deploys inside (a freeze). */
    BLACKOUT,
    /** Deploys only inside; outside every maintenance window of a pipeline, it may not deploy. */
    MAINTENANCE
}
