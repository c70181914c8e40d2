package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;
import java.util.List;

/** A user asked for approval of an image on a pipeline; {@code approvers} are the people to notify. */
public record ApprovalRequested(String requestId, PipelineImage image, String requestedBy, List<String> approvers,
                                int requiredApprovals, String comment, Instant expiresAt) implements EventPayload {

    @Override
    public String subject() {
        return requestId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
