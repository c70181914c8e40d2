package dev.shipgate.deploy.deployment.application;

import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.domain.Pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
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
 * <p>
 * Several instances share the work by a {@link Lease} per pipeline: only the holder of a pipeline's lease starts and
 * follows its deployments, renewing the lease at every tick (one command for all it holds) and releasing it when the
 * pipeline has nothing in flight. Per pipeline rather than per deployment, because its deployments must start in
 * order (a newer one supersedes the older ones; two instances starting two of them at once could leave the older
 * image running), which one holder does as one instance did before; and because a pipeline's events come on one
 * Kafka partition, the instance that authorizes a deployment is usually the one holding its pipeline already. When a
 * holder dies its leases run out after {@code leaseDuration} and the instance that watches those deployments (each
 * one's full read finds them) takes over. A taken-over deployment that is still AUTHORIZED may have been started by
 * the dead holder just before it died: targets start idempotently per deployment id, so starting it again starts no
 * second rollout.
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
    private final Leases leases;
    private final String owner;
    private final Duration leaseDuration;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    /** Pipelines this instance holds; and those another holds, until when (not asked for again before then). */
    private final Set<String> holding = new HashSet<>();
    private final Map<String, Instant> heldElsewhere = new HashMap<>();
    private Instant nextFullRead = Instant.MIN;
    private volatile boolean askLeasesAgain;

    /**
     * @param owner         this instance among those sharing {@code leases}
     * @param leaseDuration how long a pipeline stays this instance's without a tick renewing it
     */
    public RolloutMonitor(Deployments deployments, PipelineService pipelines, List<DeploymentTarget> targets,
                          Clock clock, Duration rolloutTimeout, Duration fullReadInterval, Leases leases,
                          String owner, Duration leaseDuration) {
        this.deployments = deployments;
        this.pipelines = pipelines;
        this.targets = targets.stream().collect(Collectors.toMap(DeploymentTarget::name, Function.identity()));
        this.updater = new DeploymentUpdater(deployments);
        this.clock = clock;
        this.rolloutTimeout = rolloutTimeout;
        this.fullReadInterval = fullReadInterval;
        this.leases = leases;
        this.owner = owner;
        this.leaseDuration = leaseDuration;
    }

    /** A deployment this instance authorized: the next tick starts it. */
    public void watch(String deploymentId) {
        watched.add(deploymentId);
        askLeasesAgain = true; // its pipeline may have been released since another instance was seen holding it
    }

    /**
     * Oldest first, so a newer deployment that supersedes an older one in the same tick comes after it. Called on the
     * monitor's one thread only.
     */
    public void tick() {
        List<Deployment> toFollow = toFollow();
        Set<String> held = holdPipelinesOf(toFollow);
        // A tick slowed down by its targets stops acting well before the leases it took run out: past that, another
        // instance may have taken a pipeline over and started a newer deployment, which an older start would undo.
        Instant actBefore = clock.instant().plus(leaseDuration.dividedBy(2));
        Set<String> stillBusy = new HashSet<>();
        for (Deployment deployment : toFollow) {
            String pipelineId = deployment.image().pipelineId();
            if (!deployment.status().isInFlight()) {
                watched.remove(deployment.id()); // finished (here or elsewhere): nothing left to do
            } else if (held.contains(pipelineId) && clock.instant().isAfter(actBefore)) {
                stillBusy.add(pipelineId); // the next tick renews the lease first
            } else if (held.contains(pipelineId)) {
                boolean inFlight = deployment.status() == DeploymentStatus.AUTHORIZED ? start(deployment)
                        : follow(deployment);
                if (inFlight) {
                    stillBusy.add(pipelineId);
                } else {
                    watched.remove(deployment.id());
                }
            } else {
                stillBusy.add(pipelineId); // another instance's: watched until it ends or its holder goes away
            }
        }
        Set<String> done = new HashSet<>(holding);
        done.removeAll(stillBusy);
        if (!done.isEmpty()) {
            leases.release(done, owner);
            holding.removeAll(done);
        }
    }

    /** Takes or renews the leases of the pipelines with work in flight, in one call; returns those held. */
    private Set<String> holdPipelinesOf(List<Deployment> toFollow) {
        Instant now = clock.instant();
        if (askLeasesAgain) {
            askLeasesAgain = false;
            heldElsewhere.clear();
        }
        heldElsewhere.values().removeIf(until -> !until.isAfter(now));
        Set<String> wanted = toFollow.stream().filter(d -> d.status().isInFlight())
                .map(d -> d.image().pipelineId())
                .filter(pipelineId -> !heldElsewhere.containsKey(pipelineId))
                .collect(Collectors.toSet());
        wanted.addAll(holding); // renewed even when this tick read none of its deployments
        if (wanted.isEmpty()) {
            return Set.of();
        }
        Set<String> held = new HashSet<>();
        leases.hold(wanted, owner, now, now.plus(leaseDuration)).forEach((pipelineId, lease) -> {
            if (lease.heldBy(owner, now)) {
                held.add(pipelineId);
            } else {
                heldElsewhere.put(pipelineId, lease.until());
            }
        });
        holding.clear();
        holding.addAll(held);
        return held;
    }

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

    /** Returns whether the deployment is still in flight afterwards. */
    private boolean start(Deployment deployment) {
        Optional<Pipeline> pipeline = pipelines.find(deployment.image().pipelineId());
        DeploymentTarget target = pipeline.map(p -> targets.get(p.target())).orElse(null);
        if (target == null) {
            updater.apply(deployment, d -> d.startProgressing("starting", clock.instant())
                    .then(started -> started.finish(DeploymentStatus.FAILED,
                            "no target for this pipeline", clock.instant())));
            return false;
        }
        if (target.awaitsReports()) {
            return timeOutUnreported(deployment);
        }
        supersedeOlder(deployment);
        String detail;
        try {
            detail = target.start(deployment, pipeline.get());
        } catch (RuntimeException e) {
            updater.apply(deployment, d -> d.startProgressing("starting", clock.instant())
                    .then(started -> started.finish(DeploymentStatus.FAILED,
                            "the target could not start it: " + e.getMessage(), clock.instant())));
            return false;
        }
        updater.apply(deployment, d -> d.startProgressing(detail, clock.instant()));
        return true;
    }

    /** Returns whether the deployment is still in flight afterwards. */
    private boolean follow(Deployment deployment) {
        Optional<Pipeline> pipeline = pipelines.find(deployment.image().pipelineId());
        DeploymentTarget target = pipeline.map(p -> targets.get(p.target())).orElse(null);
        if (target == null) {
            updater.apply(deployment, d -> d.finish(DeploymentStatus.FAILED, "the pipeline is gone",
                    clock.instant()));
            return false;
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
            return false;
        } else if (deployment.startedAt().plus(rolloutTimeout).isBefore(clock.instant())) {
            updater.apply(deployment, d -> d.finish(DeploymentStatus.TIMED_OUT,
                    "not healthy after " + rolloutTimeout.toSeconds() + " s: " + now.detail(), clock.instant()));
            return false;
        }
        return true;
    }

    /**
     * An authorized deployment of a tool that reports itself, not started within the rollout timeout: TIMED_OUT (as
     * one the tool started and never finished). Returns whether it is still in flight.
     */
    private boolean timeOutUnreported(Deployment deployment) {
        Instant authorizedAt = deployment.timeline().get(deployment.timeline().size() - 1).at();
        if (!authorizedAt.plus(rolloutTimeout).isBefore(clock.instant())) {
            return true;
        }
        updater.apply(deployment, d -> d.startProgressing("the tool never reported a start", clock.instant())
                .then(started -> started.finish(DeploymentStatus.TIMED_OUT, "no report from the tool within "
                        + rolloutTimeout.toSeconds() + " s of the authorization", clock.instant())));
        return false;
    }

    /** The previous active or in-flight deployments of the pipeline give way to this one. */
    void supersedeOlder(Deployment newer) {
        deployments.inPipelineWithStatus(newer.image().pipelineId(), LIVE).stream()
                .filter(older -> !older.id().equals(newer.id()))
                .filter(older -> older.requestedAt().isBefore(newer.requestedAt()))
                .forEach(older -> updater.apply(older, d -> d.supersede(newer.id(), clock.instant())));
    }
}
