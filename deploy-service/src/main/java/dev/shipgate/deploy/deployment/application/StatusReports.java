package dev.shipgate.deploy.deployment.application;

import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.shared.domain.DeployRefusal;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The progress and outcome of a deployment on an {@code external} target, as the tool rolling it out reports them
 * (issue 21). Only someone who may deploy on the deployment's pipeline reports (Build and Deploy on its scope, as
 * for triggering it), through a session or an API token acting as them; a deployment they may not see is unknown to
 * them. The moves are the status model's ({@link Deployment#report}); the same report sent again (a retry whose
 * answer was lost) changes nothing and answers the deployment as it is.
 */
public class StatusReports {

    /** The pipelines' {@code target} value of a tool that reports itself. */
    public static final String EXTERNAL = "external";

    private final Deployments deployments;
    private final DeploymentUpdater updater;
    private final PipelineService pipelines;
    private final AccessReplica access;
    private final RolloutMonitor rollouts;
    private final Clock clock;

    public StatusReports(Deployments deployments, PipelineService pipelines, AccessReplica access,
                         RolloutMonitor rollouts, Clock clock) {
        this.deployments = deployments;
        this.updater = new DeploymentUpdater(deployments);
        this.pipelines = pipelines;
        this.access = access;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    /**
     * @param message the tool's words (kept on the timeline with who reported it and through what)
     * @param link    where the tool shows the rollout (an absolute http(s) URL, checked by the caller), or null
     * @return the deployment after the report
     * @throws RefusedException UNKNOWN_DEPLOYMENT (404), NOT_ALLOWED_TO_DEPLOY (403), NOT_AN_EXTERNAL_TARGET,
     *                          DEPLOYMENT_FINISHED, DEPLOYMENT_NOT_AUTHORIZED, DEPLOYMENT_NOT_PROGRESSING (409),
     *                          STATUS_NOT_REPORTABLE (400)
     */
    public Deployment report(String userId, Channel via, String deploymentId, DeploymentStatus status,
                             String message, String link) {
        Deployment deployment = deployments.find(deploymentId).orElseThrow(() -> unknown(deploymentId));
        Pipeline pipeline;
        try {
            pipeline = pipelines.visible(userId, deployment.image().pipelineId());
        } catch (RefusedException e) {
            throw unknown(deploymentId);
        }
        if (!access.permissions(userId).canBuildAndDeploy(pipeline.scope())) {
            throw DeployRefusal.NOT_ALLOWED_TO_DEPLOY.because(userId + " needs Build and Deploy on "
                    + pipeline.application() + " / " + pipeline.environment() + " to report its deployments")
                    .exception();
        }
        if (!EXTERNAL.equals(pipeline.target())) {
            throw DeployRefusal.NOT_AN_EXTERNAL_TARGET.because("pipeline " + pipeline.id() + " deploys through its "
                    + pipeline.target() + " target, which reports the rollout itself").exception();
        }
        String detail = message + " (reported by " + userId + (via == null ? "" : " " + via.describe()) + ")";
        if (deployment.lastStepIs(status, detail, link)) {
            return deployment;
        }
        Function<Deployment, Deployment.Change> change = d -> d.report(status, detail, link, clock.instant());
        Optional<Deployment> moved = updater.apply(deployment, change);
        if (moved.isEmpty()) {
            Refusal why = deployments.find(deploymentId).map(change).flatMap(Deployment.Change::refusal)
                    .orElse(DeployRefusal.DEPLOYMENT_FINISHED.because("deployment " + deploymentId
                            + " changed while the report was applied; read it and report again"));
            throw why.exception();
        }
        rollouts.supersedeOlder(moved.get()); // started: the older live deployments give way, as on the other targets
        return moved.get();
    }

    private static RefusedException unknown(String id) {
        return DeployRefusal.UNKNOWN_DEPLOYMENT.because("no deployment " + id).exception();
    }
}
