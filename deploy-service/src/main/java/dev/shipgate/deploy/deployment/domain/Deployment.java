package dev.shipgate.deploy.deployment.domain;

import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.shared.domain.DeployRefusal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One deployment of an image to a pipeline's environment and its timeline. Moves REQUESTED, then AUTHORIZED or
 * REJECTED (decided by approval-service), then PROGRESSING, then HEALTHY, DEGRADED, FAILED or TIMED_OUT; a newer
 * deployment SUPERSEDES it. Every move appends to the timeline and yields a DeploymentStatusChanged event, which
 * names the approval request the deployment uses and its approvers once they are known. A move its status does not
 * allow is a {@link Refused} change with the reason, never an exception: a redelivered event or a late tick asks for
 * one routinely.
 *
 * @param approvalRequestId the approval used: known once AUTHORIZED, or from the start when an approval started it
 * @param approvedBy        that approval's approvers (canonical ids); empty when none is known
 * @param rejection         approval-service's reason code and words when REJECTED, else null
 * @param breakGlass        how it was authorized by break-glass, and its review; null for a deployment approval-service
 *                          decided on
 */
public record Deployment(String id, PipelineImage image, String requestedBy, String rollbackOf,
                         String approvalRequestId, DeploymentStatus status, List<TimelineEntry> timeline,
                         Instant requestedAt, Instant startedAt, long version, List<String> approvedBy,
                         Rejection rejection, BreakGlass breakGlass) {

    private static final Set<DeploymentStatus> FROM_REQUESTED = Set.of(DeploymentStatus.AUTHORIZED,
            DeploymentStatus.REJECTED);
    private static final Set<DeploymentStatus> REPORTED_ENDS = Set.of(DeploymentStatus.HEALTHY,
            DeploymentStatus.DEGRADED, DeploymentStatus.FAILED);

    public Deployment {
        timeline = List.copyOf(timeline);
        approvedBy = approvedBy == null ? List.of() : List.copyOf(approvedBy); // deployments stored before 1.1
    }

    /** Why approval-service refused: a stable code ({@code NO_APPROVAL}, {@code NOT_ALLOWED_TO_DEPLOY}...), words. */
    public record Rejection(String reason, String message) {
    }

    /** A new request; approval-service decides on it. */
    public static Transition request(String id, PipelineImage image, String requestedBy, String rollbackOf,
                                     Instant now) {
        return request(id, image, requestedBy, rollbackOf, null, now);
    }

    /** A new request made through {@code via} (session, API token; null if unknown), kept on the timeline. */
    public static Transition request(String id, PipelineImage image, String requestedBy, String rollbackOf,
                                     Channel via, Instant now) {
        String by = requestedBy + (via == null ? "" : " " + via.describe());
        String detail = rollbackOf == null ? "deploy " + image.tag() + " requested by " + by
                : "rollback to " + image.tag() + " (deployment " + rollbackOf + ") requested by " + by;
        return requested(id, image, requestedBy, rollbackOf, via, null, List.of(), detail, now);
    }

    /**
     * The id of the one deployment an approval starts (AUTOMATIC trigger): a request reopened and approved again
     * (design rule 10) is a new approval with its own expiry, while a redelivered event names the same one.
     */
    public static String idForApproval(String approvalRequestId, Instant expiresAt) {
        return "auto-" + approvalRequestId + (expiresAt == null ? "" : "-" + expiresAt.toEpochMilli());
    }

    /**
     * A deployment an approval started (AUTOMATIC trigger), on behalf of the approval's requester: it names that
     * approval and its approvers from the start, on its timeline and in its events.
     */
    public static Transition requestByApproval(String id, PipelineImage image, String requestedBy,
                                               String approvalRequestId, List<String> approvedBy, Instant now) {
        String detail = "deploy " + image.tag() + " started automatically by approval " + approvalRequestId
                + " (requested by " + requestedBy + ", approved by " + String.join(", ", approvedBy) + ")";
        return requested(id, image, requestedBy, null, Channel.system(), approvalRequestId, approvedBy, detail, now);
    }

    private static Transition requested(String id, PipelineImage image, String requestedBy, String rollbackOf,
                                        Channel via, String approvalRequestId, List<String> approvedBy,
                                        String detail, Instant now) {
        Deployment deployment = new Deployment(id, image, requestedBy, rollbackOf, approvalRequestId,
                DeploymentStatus.REQUESTED, List.of(new TimelineEntry(DeploymentStatus.REQUESTED, now, detail)), now,
                null, 0, approvedBy, null, null);
        return new Transition(deployment, List.of(new DeploymentRequested(id, image, requestedBy, rollbackOf, via),
                deployment.statusEvent(DeploymentStatus.REQUESTED, detail, now)));
    }

    /**
     * Why a decision naming {@code decided} and {@code decidedRequester} is not about this deployment: another
     * pipeline, another image digest, or another requester (user ids compared in their canonical form), refused as
     * {@code DECISION_FOR_ANOTHER_DEPLOYMENT}; empty when it is about this one.
     */
    public Optional<Refusal> mismatchWith(PipelineImage decided, String decidedRequester) {
        if (decided == null || !image.pipelineId().equals(decided.pipelineId())) {
            return anotherDeployment("it names pipeline " + (decided == null ? null : decided.pipelineId())
                    + ", the deployment is on " + image.pipelineId());
        }
        if (!image.digest().equals(decided.digest())) {
            return anotherDeployment("it names image " + decided.digest() + ", the deployment is of "
                    + image.digest());
        }
        if (!UserIds.same(requestedBy, decidedRequester)) {
            return anotherDeployment("it names requester " + decidedRequester + ", the deployment was requested by "
                    + requestedBy);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> anotherDeployment(String detail) {
        return Optional.of(DeployRefusal.DECISION_FOR_ANOTHER_DEPLOYMENT.because(detail));
    }

    public Change authorize(String approvalRequestId, List<String> approvedBy, Instant now) {
        String detail = approvalRequestId == null ? "no approval needed on this pipeline"
                : "approved by " + String.join(", ", approvedBy);
        return moveFromRequested(DeploymentStatus.AUTHORIZED, approvalRequestId, approvedBy, null, detail, now);
    }

    /** approval-service refused: {@code reason} is its code, {@code message} its words; both kept for callers. */
    public Change reject(String reason, String message, Instant now) {
        return moveFromRequested(DeploymentStatus.REJECTED, approvalRequestId, approvedBy,
                new Rejection(reason, message), message + " (" + reason + ")", now);
    }

    /** The target started rolling it out. */
    public Change startProgressing(String detail, Instant now) {
        if (status != DeploymentStatus.AUTHORIZED) {
            return refused(DeployRefusal.DEPLOYMENT_NOT_AUTHORIZED, "deployment " + id + " is " + status
                    + ", only an AUTHORIZED one starts rolling out");
        }
        return move(DeploymentStatus.PROGRESSING, detail, now, now);
    }

    /** The rollout reached an end: HEALTHY, DEGRADED, FAILED or TIMED_OUT. */
    public Change finish(DeploymentStatus outcome, String detail, Instant now) {
        if (status != DeploymentStatus.PROGRESSING) {
            return refused(DeployRefusal.DEPLOYMENT_NOT_PROGRESSING, "deployment " + id + " is " + status
                    + ", only a PROGRESSING one ends " + outcome);
        }
        return move(outcome, detail, now, startedAt);
    }

    /**
     * What the tool rolling the deployment out reported (an external target): PROGRESSING moves an AUTHORIZED one on;
     * HEALTHY, DEGRADED or FAILED ends a PROGRESSING one, or an AUTHORIZED one through PROGRESSING (a tool that
     * reports only the outcome). Refused: any other status ({@code STATUS_NOT_REPORTABLE}), a deployment that has
     * ended ({@code DEPLOYMENT_FINISHED}), and the moves the status model refuses.
     *
     * @param link where the tool shows this step, or null; kept on the timeline entry
     */
    public Change report(DeploymentStatus reported, String detail, String link, Instant now) {
        if (status.isFinal() || status == DeploymentStatus.HEALTHY) {
            return refused(DeployRefusal.DEPLOYMENT_FINISHED, "deployment " + id + " is " + status
                    + " already: a report of " + reported + " comes too late");
        }
        if (reported == DeploymentStatus.PROGRESSING) {
            return status == DeploymentStatus.AUTHORIZED ? move(reported, detail, link, now, now)
                    : refused(DeployRefusal.DEPLOYMENT_NOT_AUTHORIZED, "deployment " + id + " is " + status
                    + ", only an AUTHORIZED one starts rolling out");
        }
        if (!REPORTED_ENDS.contains(reported)) {
            return refused(DeployRefusal.STATUS_NOT_REPORTABLE, reported + " is not reported by a tool: "
                    + "PROGRESSING, HEALTHY, DEGRADED or FAILED");
        }
        if (status == DeploymentStatus.AUTHORIZED) { // both steps, and both their events
            Transition started = move(DeploymentStatus.PROGRESSING, "the tool reported the outcome without a start",
                    null, now, now);
            Transition ended = started.deployment().move(reported, detail, link, now, now);
            List<EventPayload> events = new ArrayList<>(started.events());
            events.addAll(ended.events());
            return new Transition(ended.deployment(), events);
        }
        return status != DeploymentStatus.PROGRESSING ? refused(DeployRefusal.DEPLOYMENT_NOT_PROGRESSING,
                "deployment " + id + " is " + status + ", only a PROGRESSING one ends " + reported)
                : move(reported, detail, link, now, startedAt);
    }

    /** Whether the newest timeline step says exactly this already (a report sent again). */
    public boolean lastStepIs(DeploymentStatus step, String detail, String link) {
        TimelineEntry last = timeline.get(timeline.size() - 1);
        return last.status() == step && last.detail().equals(detail) && java.util.Objects.equals(last.link(), link);
    }

    /** A newer deployment of the pipeline took over. */
    public Change supersede(String newerDeploymentId, Instant now) {
        if (!status.isLive()) {
            return refused(DeployRefusal.DEPLOYMENT_NOT_LIVE, "deployment " + id + " is " + status
                    + ", not live: deployment " + newerDeploymentId + " has nothing to supersede");
        }
        return move(DeploymentStatus.SUPERSEDED, "superseded by deployment " + newerDeploymentId, now, startedAt);
    }

    private Change moveFromRequested(DeploymentStatus next, String approvalId, List<String> approvers,
                                     Rejection refusal, String detail, Instant now) {
        if (status != DeploymentStatus.REQUESTED || !FROM_REQUESTED.contains(next)) { // a redelivered decision
            return refused(DeployRefusal.DEPLOYMENT_ALREADY_DECIDED, "deployment " + id + " is " + status
                    + " already, it cannot become " + next);
        }
        Deployment decided = new Deployment(id, image, requestedBy, rollbackOf, approvalId, status, timeline,
                requestedAt, startedAt, version, approvers, refusal, breakGlass);
        return decided.move(next, detail, now, startedAt);
    }

    private Transition move(DeploymentStatus next, String detail, Instant now, Instant started) {
        return move(next, detail, null, now, started);
    }

    private Transition move(DeploymentStatus next, String detail, String link, Instant now, Instant started) {
        List<TimelineEntry> nextTimeline = new ArrayList<>(timeline);
        nextTimeline.add(new TimelineEntry(next, now, detail, link));
        Deployment moved = new Deployment(id, image, requestedBy, rollbackOf, approvalRequestId, next, nextTimeline,
                requestedAt, started, version, approvedBy, rejection, breakGlass);
        return new Transition(moved, List.of(moved.statusEvent(next, detail, now)));
    }

    /**
     * A deployment authorized by break-glass (issue 18): recorded REQUESTED and AUTHORIZED at once, with no approval
     * named or used. Its events are the two status steps and {@link DeploymentBrokeGlass}; never
     * {@code DeploymentRequested}, so approval-service neither decides on it nor consumes an approval for it. Who may
     * break the glass is the break-glass policy's rule, judged before this.
     *
     * @param justification the user's words, checked for presence and length by the policy
     */
    public static Transition breakGlass(String id, PipelineImage image, String brokenBy, String rollbackOf,
                                        Channel via, String justification, String incidentRef, Instant reviewDueAt,
                                        Instant now) {
        String by = brokenBy + (via == null ? "" : " " + via.describe());
        String what = rollbackOf == null ? "deploy " + image.tag() : "rollback to " + image.tag() + " (deployment "
                + rollbackOf + ")";
        String detail = "BREAK-GLASS " + what + " by " + by + ": " + justification
                + (incidentRef == null ? "" : " (incident " + incidentRef + ")");
        Deployment requested = new Deployment(id, image, brokenBy, rollbackOf, null, DeploymentStatus.REQUESTED,
                List.of(new TimelineEntry(DeploymentStatus.REQUESTED, now, detail)), now, null, 0, List.of(), null,
                BreakGlass.opened(justification, incidentRef, reviewDueAt));
        Transition authorized = requested.move(DeploymentStatus.AUTHORIZED,
                "authorized by break-glass without an approval; an approver must review it by " + reviewDueAt,
                now, null);
        return new Transition(authorized.deployment(), List.of(requested.statusEvent(DeploymentStatus.REQUESTED,
                detail, now), authorized.events().get(0), new DeploymentBrokeGlass(id, image, brokenBy, justification,
                incidentRef, rollbackOf, reviewDueAt, now)));
    }

    /**
     * Closes its break-glass review ACKNOWLEDGED or FLAGGED, by {@code reviewer} with {@code comment}; an entry on the
     * timeline and a {@link BreakGlassReviewChanged}. Refused for a deployment without break-glass
     * ({@code NOT_A_BREAK_GLASS}), a review closed already ({@code REVIEW_CLOSED}), and a review by who broke the
     * glass ({@code OWN_BREAK_GLASS_REVIEW}: ids in canonical form). Whether the reviewer may review the pipeline at
     * all is the break-glass policy's rule.
     */
    public Change closeReview(BreakGlass.Review outcome, String reviewer, String comment, Instant now) {
        if (breakGlass == null) {
            return refused(DeployRefusal.NOT_A_BREAK_GLASS, "deployment " + id + " was not a break-glass");
        }
        if (breakGlass.review() != BreakGlass.Review.OPEN || outcome == BreakGlass.Review.OPEN) {
            return refused(DeployRefusal.REVIEW_CLOSED, "the review of deployment " + id + " is "
                    + breakGlass.review() + " already");
        }
        if (UserIds.same(reviewer, requestedBy)) {
            return refused(DeployRefusal.OWN_BREAK_GLASS_REVIEW, reviewer + " broke the glass on deployment " + id
                    + ": another approver of the pipeline must review it");
        }
        String who = UserIds.canonical(reviewer);
        return reviewed(breakGlass.closed(outcome, who, comment, now),
                "break-glass review " + outcome + " by " + who + ": " + comment, outcome.name(), who, comment, now);
    }

    /**
     * Its review is still open past its due time: published OVERDUE once (the write is version-guarded, so of the
     * instances sweeping, one does it). Refused ({@code REVIEW_NOT_OVERDUE}) when not overdue or told already.
     */
    public Change reviewOverdue(Instant now) {
        if (breakGlass == null || !breakGlass.isOverdueAt(now) || breakGlass.overdueNotified()) {
            return refused(DeployRefusal.REVIEW_NOT_OVERDUE, "deployment " + id + " has no overdue review to tell of");
        }
        return reviewed(breakGlass.notifiedOverdue(), "break-glass review overdue since " + breakGlass.reviewDueAt(),
                "OVERDUE", null, null, now);
    }

    private Transition reviewed(BreakGlass next, String detail, String eventStatus, String reviewer, String comment,
                                Instant now) {
        List<TimelineEntry> nextTimeline = new ArrayList<>(timeline);
        nextTimeline.add(new TimelineEntry(status, now, detail));
        Deployment changed = new Deployment(id, image, requestedBy, rollbackOf, approvalRequestId, status,
                nextTimeline, requestedAt, startedAt, version, approvedBy, rejection, next);
        return new Transition(changed, List.of(new BreakGlassReviewChanged(id, image, requestedBy,
                next.justification(), next.incidentRef(), eventStatus, reviewer, comment, next.reviewDueAt(), now)));
    }

    private DeploymentStatusChanged statusEvent(DeploymentStatus next, String detail, Instant now) {
        return new DeploymentStatusChanged(id, image, requestedBy, next.name(), detail, now, approvalRequestId,
                approvedBy);
    }

    private static Refused refused(DeployRefusal reason, String detail) {
        return new Refused(reason.because(detail));
    }

    /** What a command on a deployment comes to: a {@link Transition}, or a {@link Refused} move. */
    public sealed interface Change permits Transition, Refused {

        /** The refusal, if this change was refused. */
        Optional<Refusal> refusal();

        /** The transition; throws {@link IllegalStateException} with the refusal's words if refused. */
        Transition orElseThrow();

        /**
         * {@code next} applied to the state this change leads to (the events are the last move's, the timeline has
         * both entries); a refusal stays as it is.
         */
        Change then(Function<Deployment, Change> next);
    }

    /** A deployment's next state and the events the move causes. */
    public record Transition(Deployment deployment, List<EventPayload> events) implements Change {
        public Transition {
            events = List.copyOf(events);
        }

        @Override
        public Optional<Refusal> refusal() {
            return Optional.empty();
        }

        @Override
        public Transition orElseThrow() {
            return this;
        }

        @Override
        public Change then(Function<Deployment, Change> next) {
            return next.apply(deployment);
        }
    }

    /** A move the deployment's status does not allow, and why. */
    public record Refused(Refusal why) implements Change {

        @Override
        public Optional<Refusal> refusal() {
            return Optional.of(why);
        }

        @Override
        public Transition orElseThrow() {
            throw new IllegalStateException(why.reason() + ": " + why.detail());
        }

        @Override
        public Change then(Function<Deployment, Change> next) {
            return this;
        }
    }
}
