package dev.shipgate.approval.audit.domain;

import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.PipelineImage;

import java.time.Instant;

/**
 * The audit lines of break-glass (issue 18), from deploy-service's events: it keeps the break-glass deployments and
 * their reviews, approval-service keeps the audit. One line per event, keyed by the deployment and what happened, so
 * a redelivered event rewrites the same line:
 * <ul>
 *   <li>{@code BREAK_GLASS} (or {@code BREAK_GLASS_ROLLBACK} for an incident rollback) by who broke the glass, the
 *       justification and incident reference in its detail;</li>
 *   <li>{@code BREAK_GLASS_ACKNOWLEDGED} / {@code BREAK_GLASS_FLAGGED} by the reviewer, their comment in the detail;
 *   </li>
 *   <li>{@code BREAK_GLASS_OVERDUE} by {@code system} when the review was still open at its due time.</li>
 * </ul>
 * The events carry no channel for the people's actions, so those lines have none.
 */
public final class BreakGlassLines {

    public static final String BROKE = "BREAK_GLASS";
    public static final String ROLLBACK = "BREAK_GLASS_ROLLBACK";
    public static final String REVIEW_PREFIX = "BREAK_GLASS_";

    private BreakGlassLines() {
    }

    public static AuditRecord of(DeploymentBrokeGlass event) {
        String detail = "justification: " + event.justification()
                + (event.incidentRef() == null ? "" : "; incident: " + event.incidentRef())
                + (event.rollbackOf() == null ? "" : "; rollback of " + event.rollbackOf())
                + "; review due at " + event.reviewDueAt();
        return line(event.at(), event.brokenBy(), event.rollbackOf() == null ? BROKE : ROLLBACK, detail, null,
                event.image(), event.deploymentId(), "BROKE");
    }

    public static AuditRecord of(BreakGlassReviewChanged event) {
        boolean overdue = "OVERDUE".equals(event.status());
        String detail = overdue
                ? "review of " + event.brokenBy() + "'s break-glass was due at " + event.dueAt()
                : event.comment();
        return line(event.at(), overdue ? "system" : event.reviewedBy(), REVIEW_PREFIX + event.status(), detail,
                overdue ? Channel.system() : null, event.image(), event.deploymentId(), event.status());
    }

    private static AuditRecord line(Instant at, String actor, String action, String detail, Channel via,
                                    PipelineImage image, String deploymentId, String what) {
        return new AuditRecord(at, actor, action, AuditRecord.Outcome.DONE, null, detail, via, image.pipelineId(),
                null, deploymentId, image.digest(), image.tag(), "b:" + deploymentId + ":" + what);
    }
}
