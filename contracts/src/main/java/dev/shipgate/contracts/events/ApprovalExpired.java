package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

/**
 * A request or an unused approval stopped being usable: expired by a user ({@code expiredBy} set) or by its lifetime
 * ({@code expiredBy} null).
 */
public record ApprovalExpired(String requestId, PipelineImage image, String requestedBy, String expiredBy,
                              String reason) implements EventPayload {

    @Override
    public String subject() {
        return requestId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
