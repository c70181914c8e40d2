package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;

/**
 * Someone broke the glass (issue 18): a deployment authorized without an approval, and inside any deployment window,
 * under the pipeline's break-glass policy. It consumed no approval and names none. Its review opens with it: an
 * approver other than {@code brokenBy} must close it by {@code reviewDueAt} ({@link BreakGlassReviewChanged}).
 *
 * @param deploymentId the deployment it authorized (also the review's id)
 * @param brokenBy     who broke the glass (canonical user id)
 * @param justification why, in the user's words (1 to 2000 characters; untrusted text: escape it when shown)
 * @param incidentRef  the incident it answers (free text, at most 200 characters), or null
 * @param rollbackOf   the deployment whose image it rolls back to, or null for a deploy
 * @param reviewDueAt  by when an approver must close its review
 * @param at           when the glass was broken
 */
public record DeploymentBrokeGlass(String deploymentId, PipelineImage image, String brokenBy, String justification,
                                   String incidentRef, String rollbackOf, Instant reviewDueAt, Instant at)
        implements EventPayload {

    @Override
    public String subject() {
        return deploymentId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
