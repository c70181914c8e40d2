package dev.shipgate.deploy.deployment.application;

import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.replica.application.ImageReplica;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import dev.shipgate.deploy.window.application.WindowService;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Triggering CD: records the deployment as REQUESTED and asks approval-service (saga step one); applies its
 * decision. The permission is checked here too so a user without it gets an answer at once, but approval-service,
 * which owns access and approvals, has the last word.
 */
public class DeploymentService {

    private final Deployments deployments;
    private final PipelineService pipelines;
    private final AccessReplica access;
    private final ImageReplica images;
    private final DecisionApplier decisions;
    private final WindowService windows;
    private final Clock clock;

    /** {@code windows}: the deployment windows every deploy and rollback is checked against (issue 18). */
    public DeploymentService(Deployments deployments, PipelineService pipelines, AccessReplica access,
                             ImageReplica images, RolloutMonitor rollouts, DecisionWaiter waiter,
                             WindowService windows, Clock clock) {
        this.deployments = deployments;
        this.windows = windows;
        this.pipelines = pipelines;
        this.access = access;
        this.images = images;
        this.decisions = new DecisionApplier(deployments, rollouts::watch, waiter::decided, clock);
        this.clock = clock;
    }

    /** {@code via}: through what the user asks (session, API token); it travels with the deploy request. */
    public Deployment request(String userId, Channel via, String pipelineId, String digest) {
        return request(userId, via, pipelineId, digest, null);
    }

    /** A rollback deploys the image of an earlier deployment; with approval on, it needs an approval too. */
    public Deployment rollback(String userId, Channel via, String pipelineId, String earlierDeploymentId) {
        Deployment earlier = deployments.find(earlierDeploymentId)
                .filter(d -> d.image().pipelineId().equals(pipelineId))
                .orElseThrow(() -> DeployRefusal.UNKNOWN_DEPLOYMENT.because(
                        "no deployment " + earlierDeploymentId + " on this pipeline").exception());
        return request(userId, via, pipelineId, earlier.image().digest(), earlierDeploymentId);
    }

    /**
     * The gate API's call (issue 21): as {@link #request}, but at most once per {@code idempotencyKey} of this caller
     * (null: every call is new). The deployment's id is derived from the caller's canonical id and the key, so the
     * first call's insert is the only one that succeeds, on any instance (the database's unique {@code _id}), and only
     * it asks approval-service, which consumes one approval. A call with a key used before answers that call's
     * deployment as it is now; with another pipeline or image it is refused (IDEMPOTENCY_KEY_REUSED, 422). Keys are
     * kept as long as their deployments.
     */
    public Deployment requestOnce(String userId, Channel via, String pipelineId, String digest,
                                  String idempotencyKey) {
        if (idempotencyKey == null) {
            return request(userId, via, pipelineId, digest);
        }
        return once(keyedId(userId, idempotencyKey), userId, via, pipelineId, digest,
                earlier -> sameCall(earlier, userId, pipelineId, digest));
    }

    /**
     * The deployment under {@code id}: made now, or, when one is recorded under it already (an earlier call, or
     * another instance a moment ago), that one as {@code earlier} judges it.
     */
    private Deployment once(String id, String userId, Channel via, String pipelineId, String digest,
                            UnaryOperator<Deployment> earlier) {
        Optional<Deployment> recorded = deployments.find(id);
        if (recorded.isPresent()) {
            return earlier.apply(recorded.get());
        }
        return request(id, userId, via, pipelineId, digest, null)
                .orElseGet(() -> earlier.apply(deployments.find(id).orElseThrow()));
    }

    private Deployment sameCall(Deployment earlier, String userId, String pipelineId, String digest) {
        pipelines.visible(userId, pipelineId);
        if (!earlier.image().pipelineId().equals(pipelineId) || !earlier.image().digest().equals(digest)) {
            throw DeployRefusal.IDEMPOTENCY_KEY_REUSED.because("this Idempotency-Key was used for deployment "
                    + earlier.id() + " of " + earlier.image().digest() + " to " + earlier.image().pipelineId()
                    + "; send a new key for a new call").exception();
        }
        return earlier;
    }

    private static String keyedId(String userId, String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((UserIds.canonical(userId) + "\n"
                    + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return "dp-k" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A scheduled deploy starting (issue 18): checked and recorded as {@link #request} is, by the system on behalf of
     * {@code userId}, under {@code deploymentId}; the deployment already recorded under that id if there is one (a
     * schedule claimed again after its first claimer died), so it starts once.
     */
    public Deployment requestAs(String deploymentId, String userId, String pipelineId, String digest) {
        return once(deploymentId, userId, Channel.system(), pipelineId, digest, UnaryOperator.identity());
    }

    private Deployment request(String userId, Channel via, String pipelineId, String digest, String rollbackOf) {
        return request("dp-" + UUID.randomUUID(), userId, via, pipelineId, digest, rollbackOf).orElseThrow();
    }

    /** Empty when a deployment with this id exists already (another instance, or an earlier call, made it). */
    private Optional<Deployment> request(String id, String userId, Channel via, String pipelineId, String digest,
                                         String rollbackOf) {
        Pipeline pipeline = pipelines.visible(userId, pipelineId);
        PipelineImage image = deployable(userId, pipeline, digest);
        // refused before anything is recorded, so a waiting call (?wait=) gets the same answer at once
        windows.requireOpen(pipeline, rollbackOf != null, clock.instant());
        var transition = Deployment.request(id, image, userId, rollbackOf, via, clock.instant());
        return deployments.insert(transition.deployment(), transition.events())
                ? Optional.of(transition.deployment()) : Optional.empty();
    }

    /**
     * The image {@code digest} on {@code pipeline} if {@code userId} may deploy it there: refused (403
     * NOT_ALLOWED_TO_DEPLOY) without Build and Deploy on the pipeline's scope, (404 UNKNOWN_IMAGE) for an image CI
     * did not report for the pipeline's application.
     */
    public PipelineImage deployable(String userId, Pipeline pipeline, String digest) {
        if (!access.permissions(userId).canBuildAndDeploy(pipeline.scope())) {
            throw DeployRefusal.NOT_ALLOWED_TO_DEPLOY.because(userId
                    + " needs Build and Deploy on " + pipeline.application() + " / " + pipeline.environment())
                    .exception();
        }
        ImageBuilt image = images.find(digest)
                .filter(i -> i.application().equals(pipeline.application()))
                .orElseThrow(() -> DeployRefusal.UNKNOWN_IMAGE.because(
                        "no image " + digest + " of " + pipeline.application()).exception());
        return new PipelineImage(pipeline.id(), pipeline.application(), pipeline.environment(), image.digest(),
                image.tag());
    }

    /** With an AUTOMATIC pipeline, the last approval starts the deployment, on behalf of the requester. */
    public Optional<Deployment> onImageApproved(ImageApproved approved) {
        Optional<Pipeline> pipeline = pipelines.find(approved.image().pipelineId());
        if (pipeline.isEmpty() || pipeline.get().trigger() != Pipeline.Trigger.AUTOMATIC) {
            return Optional.empty();
        }
        if (!windows.verdict(pipeline.get(), false, clock.instant()).isOpen()) {
            // not started inside a closed window: the schedule feature stores it for the window's next opening, and
            // calls this again then
            return Optional.empty();
        }
        String alreadyStarted = Deployment.idForApproval(approved.requestId(), approved.expiresAt());
        if (deployments.find(alreadyStarted).isPresent()) {
            return Optional.empty(); // a redelivered approval
        }
        var transition = Deployment.requestByApproval(alreadyStarted, approved.image(),
                UserIds.canonical(approved.requestedBy()), approved.requestId(),
                approved.approvedBy().stream().map(UserIds::canonical).toList(), clock.instant());
        return deployments.insert(transition.deployment(), transition.events())
                ? Optional.of(transition.deployment()) : Optional.empty();
    }

    /** See {@link DecisionApplier}: applied only to the deployment recorded here with the same image and requester. */
    public DecisionApplier.Outcome onAuthorized(DeploymentAuthorized authorized) {
        return decisions.onAuthorized(authorized);
    }

    public DecisionApplier.Outcome onRejected(DeploymentRejected rejected) {
        return decisions.onRejected(rejected);
    }
}
