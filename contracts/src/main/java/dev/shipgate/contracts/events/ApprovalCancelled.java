package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

/** The requester withdrew an open request. */
public record ApprovalCancelled(String requestId, PipelineImage image, String requestedBy, String cancelledBy)
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
