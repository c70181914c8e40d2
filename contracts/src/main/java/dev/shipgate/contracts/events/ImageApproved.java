package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;
import java.util.List;

/** The request reached its required approvals: the image may be deployed once on the pipeline until it expires. */
public record ImageApproved(String requestId, PipelineImage image, String requestedBy, List<String> approvedBy,
                            Instant expiresAt) implements EventPayload {

    @Override
    public String subject() {
        return requestId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
