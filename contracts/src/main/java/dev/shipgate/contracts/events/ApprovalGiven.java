package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

/** One approver approved; the request may still need more approvals. */
public record ApprovalGiven(String requestId, PipelineImage image, String requestedBy, String approver,
                            int approvals, int requiredApprovals, String comment) implements EventPayload {

    @Override
    public String subject() {
        return requestId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
