package dev.shipgate.deploy.deployment.application;

import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.domain.Pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drives deployments through their targets: starts the authorized ones, follows those in progress, ends those stuck
 * past the rollout timeout. All its state is in the deployments themselves, so a restarted service picks up where
 * it left off.
 * <p>
 * Each tick reads by id only the deployments this instance watches: the ones it authorized, and the in-flight ones the
 * last full read found. A full read of every authorized and progressing deployment comes at the first tick and then
 * once per {@code fullReadInterval}, for those another instance left behind: without an index on the status (the
 * embedded database has none) it scans every deployment ever made, which at every tick grew with the history.
 */
public class RolloutMonitor {

    private static final List<DeploymentStatus> IN_FLIGHT = DeploymentStatus.where(DeploymentStatus::isInFlight);
    private static final List<DeploymentStatus> LIVE = DeploymentStatus.where(DeploymentStatus::isLive);

    private final Deployments deployments;
    private final PipelineService pipelines;
    private final Map<String, DeploymentTarget> targets;
    private final DeploymentUpdater updater;
    private final Clock clock;
    private final Duration rolloutTimeout;
    private final Duration fullReadInterval;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private Instant nextFullRead = Instant.MIN;

    public RolloutMonitor(Deployments deployments, PipelineService pipelines, List<DeploymentTarget> targets,
                          Clock clock, Duration rolloutTimeout, Duration fullReadInterval) {
        this.deployments = deployments;
        this.pipelines = pipelines;
        this.targets = targets.stream().collect(Collectors.toMap(DeploymentTarget::name, Function.identity()));
        this.updater = new DeploymentUpdater(deployments);
        this.clock = clock;
        this.rolloutTimeout = rolloutTimeout;
        this.fullReadInterval = fullReadInterval;
    }

    /** A deployment this instance authorized: the next tick starts it. */
    public void watch(String deploymentId) {
        watched.add(deploymentId);
    }

    /** Oldest first, so a newer deployment that supersedes an older one in the same tick comes after it. */
    public void tick() {
        for (Deployment deployment : toFollow()) {
            switch (deployment.status()) {
                case AUTHORIZED -> start(deployment);
                case PROGRESSING -> follow(deployment);
                default -> watched.remove(deployment.id()); // finished (here or elsewhere): nothing left to do
            }
        }
    }

    /** Called on the monitor's one thread only. */
    private List<Deployment> toFollow() {
        Instant now = clock.instant();
        if (!now.isBefore(nextFullRead)) {
            List<Deployment> inFlight = deployments.withStatus(IN_FLIGHT, 500);
            inFlight.forEach(deployment -> watched.add(deployment.id()));
            nextFullRead = now.plus(fullReadInterval);
            return inFlight;
        }
        return watched.isEmpty() ? List.of() : deployments.findAll(Set.copyOf(watched));
    }

    private void start(Deployment deployment) {
        Optional<Pipeline> pipeline = pipelines.find(deployment.image().pipelineId());
        DeploymentTarget target = pipeline.map(p -> targets.get(p.target())).orElse(null);
        if (target == null) {
            updater.apply(deployment, d -> d.startProgressing("starting", clock.instant())
                    .flatMap(t -> t.deployment().finish(DeploymentStatus.FAILED,
                            "no target for this pipeline", clock.instant())));
            return;
        }
        supersedeOlder(deployment);
        String detail;
        try {
            detail = target.start(deployment, pipeline.get());
        } catch (RuntimeException e) {
            updater.apply(deployment, d -> d.startProgressing("starting", clock.instant())
                    .flatMap(t -> t.deployment().finish(DeploymentStatus.FAILED,
                            "the target could not start it: " + e.getMessage(), clock.instant())));
            return;
        }
        updater.apply(deployment, d -> d.startProgressing(detail, clock.instant()));
    }

    private void follow(Deployment deployment) {
        Optional<Pipeline> pipeline = pipelines.find(deployment.image().pipelineId());
        DeploymentTarget target = pipeline.map(p -> targets.get(p.target())).orElse(null);
        if (target == null) {
            updater.apply(deployment, d -> d.finish(DeploymentStatus.FAILED, "the pipeline is gone",
                    clock.instant()));
            return;
        }
        DeploymentTarget.State state;
        try {
            state = target.check(deployment, pipeline.get());
        } catch (RuntimeException e) {
            // the target did not answer: still progressing as far as we know, until the rollout timeout
            state = new DeploymentTarget.State(DeploymentStatus.PROGRESSING, "target not reachable: " + e.getMessage());
        }
        DeploymentTarget.State now = state;
        if (now.status() != DeploymentStatus.PROGRESSING) {
            updater.apply(deployment, d -> d.finish(now.status(), now.detail(), clock.instant()));
        } else if (deployment.startedAt().plus(rolloutTimeout).isBefore(clock.instant())) {
            updater.apply(deployment, d -> d.finish(DeploymentStatus.TIMED_OUT,
                    "not healthy after " + rolloutTimeout.toSeconds() + " s: " + now.detail(), clock.instant()));
        }
    }

    /** The previous active or in-flight deployments of the pipeline give way to this one. */
    private void supersedeOlder(Deployment newer) {
        deployments.inPipelineWithStatus(newer.image().pipelineId(), LIVE).stream()
                .filter(older -> !older.id().equals(newer.id()))
                .filter(older -> older.requestedAt().isBefore(newer.requestedAt()))
                .forEach(older -> updater.apply(older, d -> d.supersede(newer.id(), clock.instant())));
    }
}
