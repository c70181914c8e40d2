package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user asked for approval of an image on a pipeline; {@code approvers} are the people to notify.
 *
 * @param deputies who stands in for whom (issue 19, delegation): each away approver's id to the id of the deputy
 *                 asked in their place (one of {@code approvers}); empty when nobody stands in (added in 1.1,
 *                 optional: an older producer's event reads as empty)
 */
public record ApprovalRequested(String requestId, PipelineImage image, String requestedBy, List<String> approvers,
                                int requiredApprovals, String comment, Instant expiresAt,
                                Map<String, String> deputies) implements EventPayload {

    public ApprovalRequested {
        deputies = deputies == null ? Map.of() : Map.copyOf(deputies);
    }

    /** A request where nobody stands in for anyone. */
    public ApprovalRequested(String requestId, PipelineImage image, String requestedBy, List<String> approvers,
                             int requiredApprovals, String comment, Instant expiresAt) {
        this(requestId, image, requestedBy, approvers, requiredApprovals, comment, expiresAt, Map.of());
    }

    /** The away approvers {@code deputy} was asked in place of, in id order; empty when asked for themselves. */
    public List<String> standsInFor(String deputy) {
        return deputies.entrySet().stream().filter(entry -> entry.getValue().equals(deputy)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    @Override
    public String subject() {
        return requestId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
