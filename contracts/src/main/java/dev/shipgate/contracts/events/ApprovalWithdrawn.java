package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

/** An approver took back their own approval of a request not used yet. */
public record ApprovalWithdrawn(String requestId, PipelineImage image, String requestedBy, String withdrawnBy)
        implements EventPayload {

    @Override
    public String subject() {
        return requestId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
