package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

/** An approver rejected the request, with a comment; the request is closed. */
public record ApprovalRejected(String requestId, PipelineImage image, String requestedBy, String rejectedBy,
                               String comment) implements EventPayload {

    @Override
    public String subject() {
        return requestId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
