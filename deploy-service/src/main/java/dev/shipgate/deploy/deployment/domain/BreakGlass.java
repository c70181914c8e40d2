package dev.shipgate.deploy.deployment.domain;

import java.time.Instant;

/**
 * How a deployment was authorized by break-glass (issue 18), and its review: the user's justification and incident
 * reference as typed (untrusted text), by when an approver must review it, and the review once closed.
 *
 * @param review          OPEN until an approver other than who broke the glass closes it ACKNOWLEDGED or FLAGGED
 * @param reviewedBy      who closed it (canonical id), else null
 * @param comment         their comment, else null
 * @param reviewedAt      when it was closed, else null
 * @param overdueNotified whether its OVERDUE event went out (once per review)
 */
public record BreakGlass(String justification, String incidentRef, Instant reviewDueAt, Review review,
                         String reviewedBy, String comment, Instant reviewedAt, boolean overdueNotified) {

    /** A break-glass review's state. */
    public enum Review { OPEN, ACKNOWLEDGED, FLAGGED }

    static BreakGlass opened(String justification, String incidentRef, Instant reviewDueAt) {
        return new BreakGlass(justification, incidentRef, reviewDueAt, Review.OPEN, null, null, null, false);
    }

    /** Still open at {@code now} though due: listed as overdue, and mailed again once. */
    public boolean isOverdueAt(Instant now) {
        return review == Review.OPEN && !reviewDueAt.isAfter(now);
    }

    BreakGlass closed(Review outcome, String reviewer, String words, Instant now) {
        return new BreakGlass(justification, incidentRef, reviewDueAt, outcome, reviewer, words, now,
                overdueNotified);
    }

    BreakGlass notifiedOverdue() {
        return new BreakGlass(justification, incidentRef, reviewDueAt, review, reviewedBy, comment, reviewedAt,
                true);
    }
}
