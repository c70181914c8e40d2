package dev.shipgate.approval.decision.application;

import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.Channel;

/** Decisions on deploy requests that no approval request carries: rejections, and pipelines without approval. */
public interface DeployDecisions {

    /**
     * Records the decision for a deployment once; a second decision for the same deployment is ignored. Kept for the
     * audit too: {@code via} is the channel of the deploy request; {@code requestId} names the approval request
     * whose refused use caused a rejection (its refused attempt is audited there), else null.
     */
    void record(String deploymentId, EventPayload decision, Channel via, String requestId);
}
