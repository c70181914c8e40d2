package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

/** The pipeline now needs no approval (its required count is 0): the open request is closed, unused. */
public record ApprovalNoLongerNeeded(String requestId, PipelineImage image, String requestedBy)
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
