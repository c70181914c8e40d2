package dev.shipgate.approval.audit.domain;

import dev.shipgate.contracts.events.Channel;

import java.time.Instant;
import java.util.Comparator;

/**
 * One audited action or refusal (DESIGN rule 9) on an approval request or a deploy decision.
 *
 * @param at           when, to the millisecond
 * @param actor        who: a canonical user id, or {@code system}
 * @param action       what: REQUESTED, APPROVED, REJECTED, CANCELLED, EXPIRED, DEPLOYED (done on a request);
 *                     APPROVE, REJECT, CANCEL, EXPIRE, DEPLOY (tried and refused); DEPLOY (a deploy decision);
 *                     GRANT_ENDED (a time-boxed grant reached its end: {@link GrantEndings}); BREAK_GLASS,
 *                     BREAK_GLASS_ROLLBACK, BREAK_GLASS_ACKNOWLEDGED, BREAK_GLASS_FLAGGED, BREAK_GLASS_OVERDUE
 *                     (a deployment without approval and its review: {@link BreakGlassLines})
 * @param outcome      DONE or REFUSED
 * @param reason       the refusal's code (e.g. REQUESTER_CANNOT_APPROVE), null when done
 * @param detail       the comment, or the refusal's message
 * @param via          through what: UI session, API token (its id and name), e-mail link, or the system; may be null
 * @param pipelineId   on what pipeline (null only for refusals recorded before the audit kept it)
 * @param requestId    the approval request, when one is concerned
 * @param deploymentId the deployment, for deploy decisions and break-glass
 * @param imageDigest  the image
 * @param imageTag     its tag
 * @param key          a stable identity of the record within its source, to order records of the same millisecond
 */
public record AuditRecord(Instant at, String actor, String action, Outcome outcome, String reason, String detail,
                          Channel via, String pipelineId, String requestId, String deploymentId, String imageDigest,
                          String imageTag, String key) {

    public enum Outcome { DONE, REFUSED }

    /** Newest first; at the same instant, by key, so pages never overlap nor skip. */
    public static final Comparator<AuditRecord> NEWEST_FIRST = Comparator.comparing(AuditRecord::at).reversed()
            .thenComparing(AuditRecord::key, Comparator.reverseOrder());
}
