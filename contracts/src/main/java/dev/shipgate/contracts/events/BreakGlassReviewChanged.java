package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;

/**
 * The review of a break-glass deployment ({@link DeploymentBrokeGlass}) moved: ACKNOWLEDGED or FLAGGED by an
 * approver of the pipeline other than who broke the glass (with their comment), or OVERDUE (still open at
 * {@code dueAt}; published once per review).
 *
 * @param deploymentId  the break-glass deployment (the review's id)
 * @param brokenBy      who broke the glass (canonical user id)
 * @param justification their justification, repeated for the reader (untrusted text: escape it when shown)
 * @param incidentRef   the incident reference, or null
 * @param status        ACKNOWLEDGED, FLAGGED or OVERDUE
 * @param reviewedBy    who closed it (canonical user id); null when OVERDUE
 * @param comment       the reviewer's comment (at most 2000 characters; untrusted text); null when OVERDUE
 * @param dueAt         by when it was to be closed
 * @param at            when it moved
 */
public record BreakGlassReviewChanged(String deploymentId, PipelineImage image, String brokenBy,
                                      String justification, String incidentRef, String status, String reviewedBy,
                                      String comment, Instant dueAt, Instant at) implements EventPayload {

    @Override
    public String subject() {
        return deploymentId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
