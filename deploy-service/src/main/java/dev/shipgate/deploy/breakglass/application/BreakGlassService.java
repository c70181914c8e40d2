package dev.shipgate.deploy.breakglass.application;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.breakglass.domain.BreakGlassPolicy;
import dev.shipgate.deploy.breakglass.domain.BreakGlassRules;
import dev.shipgate.deploy.breakglass.domain.RollbackTarget;
import dev.shipgate.deploy.deployment.application.DeploymentUpdater;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.domain.ActiveDeployment;
import dev.shipgate.deploy.deployment.domain.BreakGlass;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.shared.domain.DeployRefusal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Audited break-glass (issue 18): deploys and incident rollbacks without an approval and inside any window, by a user
 * the pipeline's policy allows, with a justification; their reviews by another approver; the overdue ones, listed and
 * told of once. The rules are {@link BreakGlassRules}'; this class reads and writes.
 */
public class BreakGlassService {

    private static final int SWEEP_BATCH = 100;

    private final BreakGlassPolicies policies;
    private final PipelineService pipelines;
    private final AccessReplica access;
    private final ImageCheck deploys;
    private final Deployments deployments;
    private final DeploymentUpdater updater;
    private final Consumer<String> startRollout;
    private final Clock clock;

    /** The check every deploy passes first: the caller's Build and Deploy, and the image (DeploymentService's). */
    @FunctionalInterface
    public interface ImageCheck {
        /** The image on the pipeline, or a refusal thrown (403 NOT_ALLOWED_TO_DEPLOY, 404 UNKNOWN_IMAGE). */
        PipelineImage deployable(String userId, Pipeline pipeline, String digest);
    }

    /**
     * @param deploys      {@code DeploymentService::deployable}
     * @param startRollout told the id of each break-glass deployment, for the rollout monitor to roll it out
     */
    public BreakGlassService(BreakGlassPolicies policies, PipelineService pipelines, AccessReplica access,
                             ImageCheck deploys, Deployments deployments, Consumer<String> startRollout,
                             Clock clock) {
        this.policies = policies;
        this.pipelines = pipelines;
        this.access = access;
        this.deploys = deploys;
        this.deployments = deployments;
        this.updater = new DeploymentUpdater(deployments);
        this.startRollout = startRollout;
        this.clock = clock;
    }

    /** The pipeline's policy (null when off), to whoever may see the pipeline. */
    public Optional<BreakGlassPolicy> policy(String userId, String pipelineId) {
        return policies.find(pipelines.visible(userId, pipelineId).id());
    }

    /** Sets the pipeline's policy: Admin or Manager on its scope; 400 INVALID_BREAK_GLASS_POLICY. */
    public BreakGlassPolicy setPolicy(String userId, String pipelineId, Role allowedRole, Duration reviewWithin) {
        Pipeline pipeline = pipelines.configurable(userId, pipelineId);
        BreakGlassRules.policy(allowedRole, reviewWithin).ifPresent(BreakGlassService::refuse);
        BreakGlassPolicy policy = new BreakGlassPolicy(pipeline.id(), allowedRole, reviewWithin,
                UserIds.canonical(userId), clock.instant());
        policies.save(policy);
        return policy;
    }

    /** Turns break-glass off on the pipeline. */
    public void removePolicy(String userId, String pipelineId) {
        policies.delete(pipelines.configurable(userId, pipelineId).id());
    }

    /** What the caller may do on the pipeline in an incident ({@link BreakGlassOffer}). */
    public BreakGlassOffer offer(String userId, String pipelineId) {
        Pipeline pipeline = pipelines.visible(userId, pipelineId);
        Optional<Deployment> target = previousHealthy(pipeline.id());
        BreakGlassPolicy policy = policies.find(pipeline.id()).orElse(null);
        Optional<Refusal> refusal = whyNot(userId, pipeline, policy, target.map(Deployment::image).orElse(null));
        return new BreakGlassOffer(policy, refusal.isEmpty(), refusal.map(Refusal::reason).orElse(null),
                refusal.map(Refusal::detail).orElse(null), target.orElse(null));
    }

    /**
     * Deploys {@code digest} without an approval and inside any window. Refused: 404 UNKNOWN_PIPELINE /
     * UNKNOWN_IMAGE, 403 NOT_ALLOWED_TO_DEPLOY, 409 BREAK_GLASS_NOT_ENABLED, 403 NOT_ALLOWED_TO_BREAK_GLASS (both name
     * the image to request an approval for), 400 INVALID_JUSTIFICATION.
     */
    public Deployment deploy(String userId, Channel via, String pipelineId, String digest, String justification,
                             String incidentRef) {
        Pipeline pipeline = pipelines.visible(userId, pipelineId);
        return breakGlass(userId, via, pipeline, digest, null, justification, incidentRef);
    }

    /**
     * Rolls back to {@code earlierDeploymentId}'s image, or when null to the previous healthy release
     * ({@link RollbackTarget}; 409 NO_RELEASE_TO_ROLL_BACK_TO when none), as a break-glass; refusals as
     * {@link #deploy}.
     */
    public Deployment rollback(String userId, Channel via, String pipelineId, String earlierDeploymentId,
                               String justification, String incidentRef) {
        Pipeline pipeline = pipelines.visible(userId, pipelineId);
        Deployment earlier = (earlierDeploymentId == null ? previousHealthy(pipeline.id())
                : deployments.find(earlierDeploymentId).filter(d -> d.image().pipelineId().equals(pipeline.id())))
                .orElseThrow(() -> (earlierDeploymentId == null
                        ? DeployRefusal.NO_RELEASE_TO_ROLL_BACK_TO.because("no earlier healthy release of another "
                        + "image on this pipeline")
                        : DeployRefusal.UNKNOWN_DEPLOYMENT.because("no deployment " + earlierDeploymentId
                        + " on this pipeline")).exception());
        return breakGlass(userId, via, pipeline, earlier.image().digest(), earlier.id(), justification, incidentRef);
    }

    private Deployment breakGlass(String userId, Channel via, Pipeline pipeline, String digest, String rollbackOf,
                                  String justification, String incidentRef) {
        PipelineImage image = deploys.deployable(userId, pipeline, digest);
        BreakGlassPolicy policy = policies.find(pipeline.id()).orElse(null);
        BreakGlassRules.mayBreak(policy, access.permissions(userId), pipeline.scope(), image)
                .ifPresent(BreakGlassService::refuse);
        BreakGlassRules.justification(justification, incidentRef).ifPresent(BreakGlassService::refuse);
        Instant now = clock.instant();
        var transition = Deployment.breakGlass("bg-" + UUID.randomUUID(), image, UserIds.canonical(userId),
                rollbackOf, via, justification, blankToNull(incidentRef), now.plus(policy.reviewWithin()), now);
        deployments.insert(transition.deployment(), transition.events());
        startRollout.accept(transition.deployment().id());
        return transition.deployment();
    }

    private Optional<Refusal> whyNot(String userId, Pipeline pipeline, BreakGlassPolicy policy, PipelineImage image) {
        Permissions permissions = access.permissions(userId);
        if (!permissions.canBuildAndDeploy(pipeline.scope())) {
            return Optional.of(DeployRefusal.NOT_ALLOWED_TO_DEPLOY.because(userId + " needs Build and Deploy on "
                    + pipeline.application() + " / " + pipeline.environment()));
        }
        return BreakGlassRules.mayBreak(policy, permissions, pipeline.scope(), image);
    }

    /**
     * Closes a break-glass review. Refused: 404 UNKNOWN_DEPLOYMENT, 403 NOT_ALLOWED_TO_REVIEW (no Approve images on
     * the pipeline), 403 OWN_BREAK_GLASS_REVIEW, 400 INVALID_REVIEW, 409 NOT_A_BREAK_GLASS, 409 REVIEW_CLOSED.
     */
    public Deployment review(String userId, String deploymentId, BreakGlass.Review outcome, String comment) {
        Deployment deployment = deployments.find(deploymentId)
                .filter(d -> pipelines.findVisible(userId, d.image().pipelineId()).isPresent())
                .orElseThrow(() -> DeployRefusal.UNKNOWN_DEPLOYMENT.because("no deployment " + deploymentId)
                        .exception());
        Pipeline pipeline = pipelines.visible(userId, deployment.image().pipelineId());
        BreakGlassRules.mayReview(access.permissions(userId), pipeline.scope()).ifPresent(BreakGlassService::refuse);
        BreakGlassRules.review(outcome, comment).ifPresent(BreakGlassService::refuse);
        Instant now = clock.instant();
        deployment.closeReview(outcome, userId, comment, now).refusal().ifPresent(BreakGlassService::refuse);
        // the same rule again on each read: the updater may read a newer version
        return updater.apply(deployment, d -> d.closeReview(outcome, userId, comment, now))
                .orElseThrow(() -> DeployRefusal.REVIEW_CLOSED.because("the review of deployment " + deploymentId
                        + " was closed meanwhile").exception());
    }

    /**
     * The open break-glass reviews (only the overdue ones when {@code overdueOnly}) on the pipelines the caller may
     * review, earliest due first.
     */
    public List<Deployment> openReviews(String userId, boolean overdueOnly) {
        Permissions permissions = access.permissions(userId);
        Instant now = clock.instant();
        return deployments.withOpenReview(SWEEP_BATCH).stream()
                .filter(d -> !overdueOnly || d.breakGlass().isOverdueAt(now))
                .filter(d -> pipelines.find(d.image().pipelineId())
                        .filter(p -> BreakGlassRules.mayReview(permissions, p.scope()).isEmpty()).isPresent())
                .toList();
    }

    /**
     * Each instance's tick: every open review past its due time not yet told of becomes OVERDUE, once (a versioned
     * write: of two instances sweeping, one wins and the other's change is refused on the newer version).
     */
    public void sweepOverdue() {
        Instant now = clock.instant();
        for (Deployment deployment : deployments.withOpenReview(SWEEP_BATCH)) {
            if (deployment.breakGlass().isOverdueAt(now) && !deployment.breakGlass().overdueNotified()) {
                updater.apply(deployment, d -> d.reviewOverdue(now));
            }
        }
    }

    private Optional<Deployment> previousHealthy(String pipelineId) {
        List<Deployment> newestFirst = deployments.forPipeline(pipelineId, null, List.of(), PageAt.first(100)).items();
        return RollbackTarget.previousHealthy(newestFirst, ActiveDeployment.among(
                deployments.inPipelineWithStatus(pipelineId, ActiveDeployment.CANDIDATES)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static void refuse(Refusal refusal) {
        throw refusal.exception();
    }
}
