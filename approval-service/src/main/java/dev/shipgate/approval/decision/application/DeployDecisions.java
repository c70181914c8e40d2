package dev.shipgate.approval.decision.application;

import dev.shipgate.contracts.EventPayload;

/** Decisions on deploy requests that no approval request carries: rejections, and pipelines without approval. */
public interface DeployDecisions {

    /** Records the decision for a deployment once; a second decision for the same deployment is ignored. */
    void record(String deploymentId, EventPayload decision);
}
