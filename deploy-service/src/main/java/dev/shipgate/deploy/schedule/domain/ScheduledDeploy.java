package dev.shipgate.deploy.schedule.domain;

import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.shared.domain.DeployRefusal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A deployment to start later ("approve now, deploy later", issue 18): PENDING until {@code runAt}, then CLAIMED by
 * one instance while it starts the deployment, then STARTED; or VOIDED at any point before it started. Every move
 * yields a {@link DeploymentScheduleChanged} event; a move the status does not allow is a refusal value.
 * <p>
 * Exactly once: an instance claims a due schedule by one versioned write (of two instances one wins), and starts the
 * deployment under an id made from the schedule's ({@link #deploymentId}), so an instance that dies between claiming
 * and recording STARTED leaves a claim that runs out after the lease, and the instance that claims it again finds the
 * deployment already there instead of starting a second one.
 *
 * @param approval     for a schedule an approval made (AUTOMATIC pipeline, approval outside its window): that
 *                     approval; null for a schedule a user made
 * @param claimedUntil while CLAIMED: until when the claim holds
 * @param voidReason   when VOIDED: why; else null
 */
public record ScheduledDeploy(String id, PipelineImage image, String requestedBy, Instant runAt, Instant createdAt,
                              ApprovalRef approval, ScheduleStatus status, Instant claimedUntil,
                              VoidReason voidReason, String deploymentId, long version) {

    /** The approval an AUTOMATIC pipeline's schedule starts with; {@code expiresAt} null if it never expires. */
    public record ApprovalRef(String requestId, List<String> approvedBy, Instant expiresAt) {
        public ApprovalRef {
            approvedBy = List.copyOf(approvedBy);
        }
    }

    /** A new schedule; refused when {@code runAt} is not after {@code now}. */
    public static Result schedule(String id, PipelineImage image, String requestedBy, Instant runAt,
                                  ApprovalRef approval, Instant now) {
        if (!runAt.isAfter(now)) {
            return refused(DeployRefusal.INVALID_SCHEDULE_TIME, "runAt " + runAt + " is not after now (" + now + ")");
        }
        ScheduledDeploy pending = new ScheduledDeploy(id, image, requestedBy, runAt, now, approval,
                ScheduleStatus.PENDING, null, null, null, 0);
        String by = approval == null ? "by " + requestedBy
                : "by approval " + approval.requestId() + " outside the pipeline's deployment window";
        return pending.moved(pending, "deploy " + image.tag() + " scheduled for " + runAt + " " + by, now);
    }

    /** Whether an instance may claim it at {@code now}: PENDING and due, or CLAIMED by one whose claim ran out. */
    public boolean isDue(Instant now) {
        return status == ScheduleStatus.PENDING && !runAt.isAfter(now)
                || status == ScheduleStatus.CLAIMED && !claimedUntil.isAfter(now);
    }

    /** The id of the deployment this schedule starts: the same however often it is claimed. */
    public String startsDeployment() {
        return approval != null ? Deployment.idForApproval(approval.requestId(), approval.expiresAt()) : "sched-" + id;
    }

    /** Taken by one instance for {@code lease} to start its deployment; no event (nothing changed for people). */
    public Result claim(Instant now, Duration lease) {
        if (!isDue(now)) {
            return refused(DeployRefusal.SCHEDULE_NOT_DUE, "schedule " + id + " is " + status + ", runAt " + runAt);
        }
        return new Moved(with(ScheduleStatus.CLAIMED, now.plus(lease), null, null), Optional.empty());
    }

    public Result started(String deploymentId, Instant now) {
        if (status != ScheduleStatus.CLAIMED) {
            return refused(DeployRefusal.SCHEDULE_NOT_PENDING, "schedule " + id + " is " + status
                    + ", only a CLAIMED one starts");
        }
        return moved(with(ScheduleStatus.STARTED, null, null, deploymentId),
                "started deployment " + deploymentId, now);
    }

    /** It will never start: {@code detail} says why in words. Only before it started. */
    public Result voided(VoidReason reason, String detail, Instant now) {
        if (status != ScheduleStatus.PENDING && status != ScheduleStatus.CLAIMED) {
            return refused(DeployRefusal.SCHEDULE_NOT_PENDING, "schedule " + id + " is " + status
                    + ", it cannot be voided");
        }
        return moved(with(ScheduleStatus.VOIDED, null, reason, null), detail, now);
    }

    /**
     * Why this pending schedule can no longer start, judged against a deployment of its pipeline that went out
     * (authorized, rolling out or running) and was requested after the schedule was made: the same image uses the
     * approval it was waiting for; another image is a newer deployment it would undo. Empty when neither.
     */
    public Optional<VoidReason> overtakenBy(PipelineImage deployed, Instant requestedAt, String deploymentId) {
        if (deploymentId.equals(startsDeployment()) || !deployed.pipelineId().equals(image.pipelineId())
                || requestedAt.isBefore(createdAt)) {
            return Optional.empty();
        }
        return Optional.of(deployed.digest().equals(image.digest()) ? VoidReason.APPROVAL_USED
                : VoidReason.NEWER_DEPLOYMENT);
    }

    /** Whether the approval it starts with has run out at {@code now}. */
    public boolean approvalExpiredAt(Instant now) {
        return approval != null && approval.expiresAt() != null && !approval.expiresAt().isAfter(now);
    }

    /** As stored once this state is written (each write moves the version on by one). */
    public ScheduledDeploy nextVersion() {
        return new ScheduledDeploy(id, image, requestedBy, runAt, createdAt, approval, status, claimedUntil,
                voidReason, deploymentId, version + 1);
    }

    private ScheduledDeploy with(ScheduleStatus next, Instant until, VoidReason reason, String deployment) {
        return new ScheduledDeploy(id, image, requestedBy, runAt, createdAt, approval, next, until, reason, deployment,
                version);
    }

    private Result moved(ScheduledDeploy next, String detail, Instant now) {
        String shown = next.status == ScheduleStatus.PENDING ? "SCHEDULED" : next.status.name();
        return new Moved(next, Optional.of(new DeploymentScheduleChanged(id, image, requestedBy, shown,
                next.voidReason == null ? null : next.voidReason.name(), detail, runAt, now, next.deploymentId)));
    }

    private static Result refused(DeployRefusal reason, String detail) {
        return new Refused(reason.because(detail));
    }

    /** What a command on a schedule comes to: the schedule {@link Moved} (with its event, if any), or refused. */
    public sealed interface Result permits Moved, Refused {
    }

    public record Moved(ScheduledDeploy schedule, Optional<DeploymentScheduleChanged> event) implements Result {
        public List<DeploymentScheduleChanged> events() {
            return event.stream().toList();
        }
    }

    public record Refused(Refusal why) implements Result {
    }
}
