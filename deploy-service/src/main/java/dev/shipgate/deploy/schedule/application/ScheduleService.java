package dev.shipgate.deploy.schedule.application;

import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.schedule.domain.ScheduledDeploy;
import dev.shipgate.deploy.schedule.domain.VoidReason;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import dev.shipgate.deploy.window.application.WindowService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Approve now, deploy later (issue 18). A user with Build and Deploy schedules an image's deployment at a time or at
 * the next opening of the pipeline's windows; an AUTOMATIC pipeline whose approval lands while its windows are closed
 * schedules itself for the next opening. Schedules are documents, so they survive restarts; {@link #tick} (every
 * instance, every few seconds) voids those overtaken and starts those due, each claimed by one instance (see
 * {@link ScheduledDeploy}). Whether the image is approved is decided, as for any deploy, by approval-service when
 * the deployment is requested; an approval that expires before voids the schedules of its image at once.
 */
public class ScheduleService {

    private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);
    private static final List<DeploymentStatus> WENT_OUT = DeploymentStatus.where(DeploymentStatus::isLive);
    private static final int BATCH = 200;
    /** The furthest ahead a user may schedule: further than any approval's lifetime is of no use. */
    static final Duration FURTHEST = Duration.ofDays(366);

    private final Schedules schedules;
    private final PipelineService pipelines;
    private final AccessReplica access;
    private final WindowService windows;
    private final DeploymentService deploys;
    private final Deployments deployments;
    private final Clock clock;
    private final Duration claimFor;

    /** {@code claimFor}: how long a claim holds before another instance may start the schedule instead. */
    public ScheduleService(Schedules schedules, PipelineService pipelines, AccessReplica access,
                           WindowService windows, DeploymentService deploys, Deployments deployments, Clock clock,
                           Duration claimFor) {
        this.schedules = schedules;
        this.pipelines = pipelines;
        this.access = access;
        this.windows = windows;
        this.deploys = deploys;
        this.deployments = deployments;
        this.clock = clock;
        this.claimFor = claimFor;
    }

    /**
     * Schedules {@code digest} on the pipeline at {@code runAt}, or at the next opening of its windows when null.
     * Refused as a deploy would be (403, 404), and: 400 INVALID_SCHEDULE_TIME when {@code runAt} is not in the future
     * or more than a year ahead; 409 DEPLOY_WINDOW_CLOSED when a window holds the pipeline at {@code runAt}; 409
     * NO_OPENING_TO_WAIT_FOR when asked for the next opening of a pipeline no window holds (or none reopens).
     */
    public ScheduledDeploy schedule(String userId, String pipelineId, String digest, Instant runAt) {
        Pipeline pipeline = pipelines.visible(userId, pipelineId);
        PipelineImage image = deploys.deployable(userId, pipeline, digest);
        Instant now = clock.instant();
        Instant at = runAt != null ? runAt : windows.verdict(pipeline, false, now).opening()
                .orElseThrow(() -> DeployRefusal.NO_OPENING_TO_WAIT_FOR.because(
                        "no deployment window holds pipeline " + pipelineId + " now, or none opens again: deploy it"
                                + " now, or give runAt").exception());
        if (at.isAfter(now.plus(FURTHEST))) {
            throw DeployRefusal.INVALID_SCHEDULE_TIME.because("runAt " + at + " is more than "
                    + FURTHEST.toDays() + " days ahead").with("field", "runAt").exception();
        }
        if (at.isAfter(now)) {
            windows.requireOpen(pipeline, false, at);
        }
        ScheduledDeploy.Moved created = moved(ScheduledDeploy.schedule("sc-" + UUID.randomUUID(), image,
                UserIds.canonical(userId), at, null, now));
        schedules.insert(created.schedule(), created.events());
        return created.schedule();
    }

    /**
     * Voids a pending schedule (CANCELLED). Its requester may, and whoever may change the pipeline's settings (Admin
     * or Manager on its scope); 403 NOT_ALLOWED_TO_CANCEL otherwise, 409 SCHEDULE_NOT_PENDING once it started or was
     * voided.
     */
    public ScheduledDeploy cancel(String userId, String pipelineId, String scheduleId) {
        ScheduledDeploy schedule = visible(userId, pipelineId, scheduleId);
        if (!UserIds.same(userId, schedule.requestedBy())
                && !access.permissions(userId).canAdminister(pipelines.visible(userId, pipelineId).scope())) {
            throw DeployRefusal.NOT_ALLOWED_TO_CANCEL.because(userId + " neither scheduled " + scheduleId
                    + " nor administers the pipeline").exception();
        }
        ScheduledDeploy.Moved voided = moved(schedule.voided(VoidReason.CANCELLED,
                "cancelled by " + UserIds.canonical(userId), clock.instant()));
        if (!schedules.update(voided.schedule(), voided.events())) {
            throw DeployRefusal.SCHEDULE_NOT_PENDING.because("schedule " + scheduleId
                    + " changed meanwhile (claimed or voided): read it again").exception();
        }
        return voided.schedule();
    }

    /** A schedule of a pipeline the caller may see; 404 UNKNOWN_SCHEDULE otherwise. */
    public ScheduledDeploy visible(String userId, String pipelineId, String scheduleId) {
        pipelines.visible(userId, pipelineId);
        return schedules.find(scheduleId).filter(s -> s.image().pipelineId().equals(pipelineId))
                .orElseThrow(() -> DeployRefusal.UNKNOWN_SCHEDULE.because("no schedule " + scheduleId
                        + " on pipeline " + pipelineId).exception());
    }

    /** The pipeline's schedules, latest first (at most 100). */
    public List<ScheduledDeploy> ofPipeline(String userId, String pipelineId) {
        pipelines.visible(userId, pipelineId);
        return schedules.ofPipeline(pipelineId, 100);
    }

    /**
     * An AUTOMATIC pipeline's approval that lands while its windows are closed: scheduled for the next opening
     * (deploy-service's deployment side leaves it unstarted). Once per approval, however often the event comes.
     */
    public void onImageApproved(ImageApproved approved) {
        Optional<Pipeline> pipeline = pipelines.find(approved.image().pipelineId())
                .filter(p -> p.trigger() == Pipeline.Trigger.AUTOMATIC);
        Instant now = clock.instant();
        Optional<Instant> opening = pipeline.flatMap(p -> windows.verdict(p, false, now).opening());
        if (opening.isEmpty()) {
            return; // not AUTOMATIC, open now (started at once), or never opening again
        }
        var approval = new ScheduledDeploy.ApprovalRef(approved.requestId(),
                approved.approvedBy().stream().map(UserIds::canonical).toList(), approved.expiresAt());
        String id = "sc-" + Deployment.idForApproval(approved.requestId(), approved.expiresAt());
        ScheduledDeploy.Result result = ScheduledDeploy.schedule(id, approved.image(),
                UserIds.canonical(approved.requestedBy()), opening.get(), approval, now);
        if (result instanceof ScheduledDeploy.Moved created) {
            schedules.insert(created.schedule(), created.events()); // false: a redelivered approval
        }
    }

    /** The approval of an image expired: the pending schedules of that image on that pipeline are voided. */
    public void onApprovalExpired(ApprovalExpired expired) {
        Instant now = clock.instant();
        String detail = "approval " + expired.requestId() + " expired"
                + (expired.expiredBy() == null ? "" : " (by " + expired.expiredBy() + ")")
                + (expired.reason() == null ? "" : ": " + expired.reason());
        schedules.pending(BATCH).stream()
                .filter(s -> s.image().pipelineId().equals(expired.image().pipelineId())
                        && s.image().digest().equals(expired.image().digest()))
                .filter(s -> s.approval() == null || s.approval().requestId().equals(expired.requestId()))
                .forEach(s -> voidIfPending(s, VoidReason.APPROVAL_EXPIRED, detail, now));
    }

    /** Voids the pending schedules overtaken since they were made, then starts the due ones this instance claims. */
    public void tick() {
        Instant now = clock.instant();
        schedules.pending(BATCH).stream().collect(Collectors.groupingBy(s -> s.image().pipelineId()))
                .forEach((pipelineId, pending) -> voidOvertaken(pipelineId, pending, now));
        for (ScheduledDeploy due : schedules.due(now, BATCH)) {
            if (due.claim(now, claimFor) instanceof ScheduledDeploy.Moved claimed
                    && schedules.update(claimed.schedule(), claimed.events())) {
                start(claimed.schedule().nextVersion(), now);
            }
        }
    }

    private void voidOvertaken(String pipelineId, List<ScheduledDeploy> pending, Instant now) {
        List<Deployment> wentOut = deployments.inPipelineWithStatus(pipelineId, WENT_OUT);
        for (ScheduledDeploy schedule : pending) {
            if (schedule.approvalExpiredAt(now)) {
                voidIfPending(schedule, VoidReason.APPROVAL_EXPIRED, "approval " + schedule.approval().requestId()
                        + " expired at " + schedule.approval().expiresAt(), now);
                continue;
            }
            wentOut.stream().flatMap(d -> schedule.overtakenBy(d.image(), d.requestedAt(), d.id())
                            .map(reason -> Map.entry(reason, d)).stream())
                    .findFirst()
                    .ifPresent(overtaken -> voidIfPending(schedule, overtaken.getKey(), "deployment "
                            + overtaken.getValue().id() + " of " + overtaken.getValue().image().tag()
                            + " went out first", now));
        }
    }

    private void start(ScheduledDeploy claimed, Instant now) {
        ScheduledDeploy.Result result;
        try {
            String started = claimed.approval() == null ? startForUser(claimed) : startForApproval(claimed);
            result = started != null ? claimed.started(started, now) : claimed.voided(VoidReason.REFUSED,
                    "the pipeline is no longer AUTOMATIC, or a window holds it again", now);
        } catch (RefusedException refused) {
            result = claimed.voided(VoidReason.REFUSED, refused.refusal().reason() + ": "
                    + refused.refusal().detail(), now);
        }
        if (result instanceof ScheduledDeploy.Moved moved && !schedules.update(moved.schedule(), moved.events())) {
            log.warn("schedule {} changed while this instance started it", claimed.id());
        }
    }

    private String startForUser(ScheduledDeploy claimed) {
        return deploys.requestAs(claimed.startsDeployment(), claimed.requestedBy(), claimed.image().pipelineId(),
                claimed.image().digest()).id();
    }

    /** Started as the approval would have started it had the window been open; null if it was not. */
    private String startForApproval(ScheduledDeploy claimed) {
        var approval = claimed.approval();
        deploys.onImageApproved(new ImageApproved(approval.requestId(), claimed.image(), claimed.requestedBy(),
                approval.approvedBy(), approval.expiresAt()));
        return deployments.find(claimed.startsDeployment()).map(Deployment::id).orElse(null);
    }

    private void voidIfPending(ScheduledDeploy schedule, VoidReason reason, String detail, Instant now) {
        if (schedule.voided(reason, detail, now) instanceof ScheduledDeploy.Moved voided) {
            schedules.update(voided.schedule(), voided.events()); // false: claimed or voided meanwhile
        }
    }

    private static ScheduledDeploy.Moved moved(ScheduledDeploy.Result result) {
        if (result instanceof ScheduledDeploy.Refused refused) {
            throw new RefusedException(refused.why());
        }
        return (ScheduledDeploy.Moved) result;
    }
}
