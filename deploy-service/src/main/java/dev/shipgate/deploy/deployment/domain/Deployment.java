package dev.shipgate.deploy.deployment.domain;

import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.Channel;
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
 */
public record Deployment(String id, PipelineImage image, String requestedBy, String rollbackOf,
                         String approvalRequestId, DeploymentStatus status, List<TimelineEntry> timeline,
                         Instant requestedAt, Instant startedAt, long version, List<String> approvedBy,
                         Rejection rejection) {

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
                null, 0, approvedBy, null);
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
                requestedAt, startedAt, version, approvers, refusal);
        return decided.move(next, detail, now, startedAt);
    }

    private Transition move(DeploymentStatus next, String detail, Instant now, Instant started) {
        return move(next, detail, null, now, started);
    }

    private Transition move(DeploymentStatus next, String detail, String link, Instant now, Instant started) {
        List<TimelineEntry> nextTimeline = new ArrayList<>(timeline);
        nextTimeline.add(new TimelineEntry(next, now, detail, link));
        Deployment moved = new Deployment(id, image, requestedBy, rollbackOf, approvalRequestId, next, nextTimeline,
                requestedAt, started, version, approvedBy, rejection);
        return new Transition(moved, List.of(moved.statusEvent(next, detail, now)));
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
