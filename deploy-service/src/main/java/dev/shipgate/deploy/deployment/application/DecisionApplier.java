package dev.shipgate.deploy.deployment.application;

import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies approval-service's decision on a deployment (saga step two), but only to a deployment this service
 * recorded, for the same pipeline, image digest and requester ({@link Deployment#mismatchWith}); anything else is
 * refused and logged, and leaves the deployment as it was, so a forged or misrouted decision neither starts a rollout
 * nor overwrites the real decision. The broker's ACLs already let only approval-service write the topic; this is the
 * second check DESIGN.md's trust boundary asks for (issue 15, item 6).
 */
class DecisionApplier {

    /** What became of a decision. */
    public enum Outcome { APPLIED, ALREADY_DECIDED, REFUSED }

    private static final Logger log = LoggerFactory.getLogger(DecisionApplier.class);

    private final Deployments deployments;
    private final DeploymentUpdater updater;
    private final Consumer<String> startWatching;
    private final Consumer<Deployment> decided;
    private final Clock clock;

    /**
     * @param startWatching told the id of each deployment authorized, for the rollout monitor to follow
     * @param decided       told each deployment a decision was applied to (callers waiting for the answer)
     */
    public DecisionApplier(Deployments deployments, Consumer<String> startWatching, Consumer<Deployment> decided,
                           Clock clock) {
        this.deployments = deployments;
        this.updater = new DeploymentUpdater(deployments);
        this.startWatching = startWatching;
        this.decided = decided;
        this.clock = clock;
    }

    public DecisionApplier(Deployments deployments, Consumer<String> startWatching, Clock clock) {
        this(deployments, startWatching, deployment -> { }, clock);
    }

    public Outcome onAuthorized(DeploymentAuthorized authorized) {
        return decide("DeploymentAuthorized", authorized.deploymentId(), authorized.image(),
                authorized.requestedBy(), d -> d.authorize(authorized.approvalRequestId(), authorized.approvedBy(),
                        clock.instant()));
    }

    public Outcome onRejected(DeploymentRejected rejected) {
        return decide("DeploymentRejected", rejected.deploymentId(), rejected.image(), rejected.requestedBy(),
                d -> d.reject(rejected.reason(), rejected.message(), clock.instant()));
    }

    private Outcome decide(String type, String deploymentId, PipelineImage image, String requestedBy,
                           Function<Deployment, Deployment.Change> change) {
        Optional<Deployment> recorded = deploymentId == null ? Optional.empty() : deployments.find(deploymentId);
        if (recorded.isEmpty()) {
            log.warn("refused {} for deployment {}: no such deployment was requested here", type, deploymentId);
            return Outcome.REFUSED;
        }
        Optional<Refusal> mismatch = recorded.get().mismatchWith(image, requestedBy);
        if (mismatch.isPresent()) {
            log.warn("refused {} for deployment {}: {}", type, deploymentId, mismatch.get().detail());
            return Outcome.REFUSED;
        }
        // the same check again on each read: the updater may read a newer version of the deployment
        Optional<Deployment> changed = updater.apply(recorded.get(), d -> ifAbout(d, image, requestedBy, change));
        if (changed.isEmpty()) {
            return Outcome.ALREADY_DECIDED;
        }
        if (changed.get().status() == DeploymentStatus.AUTHORIZED) {
            startWatching.accept(deploymentId);
        }
        decided.accept(changed.get());
        return Outcome.APPLIED;
    }

    /** The change, if the decision names this deployment's pipeline, image and requester; else refused. */
    private static Deployment.Change ifAbout(Deployment deployment, PipelineImage image, String requestedBy,
                                             Function<Deployment, Deployment.Change> change) {
        return deployment.mismatchWith(image, requestedBy).<Deployment.Change>map(Deployment.Refused::new)
                .orElseGet(() -> change.apply(deployment));
    }
}
