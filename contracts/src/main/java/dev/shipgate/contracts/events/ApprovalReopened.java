package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.util.List;

/**
 * An unused approval no longer meets the pipeline's current policy (design rule 10: a raised count, a new approver
 * rule, a vote whose author lost the right to approve, or a withdrawn vote): it waits for votes again.
 *
 * @param reason            why, in words for people
 * @param counted           the voters who still count, in the order they voted
 * @param requiredApprovals what the pipeline needs now in all
 */
public record ApprovalReopened(String requestId, PipelineImage image, String requestedBy, String reason,
                               List<String> counted, int requiredApprovals) implements EventPayload {

    @Override
    public String subject() {
        return requestId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
