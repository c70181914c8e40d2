package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.DeploymentTarget;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.domain.Pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The local default target: Progressing for a configurable time, then Healthy. For demos and tests, an image tag
 * containing {@code fail} ends FAILED, {@code degrade} ends DEGRADED, and {@code hang} never becomes healthy (so the
 * rollout times out).
 */
class SimulatedTarget implements DeploymentTarget {

    private final Clock clock;
    private final Duration progressTime;

    SimulatedTarget(Clock clock, Duration progressTime) {
        this.clock = clock;
        this.progressTime = progressTime;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public String start(Deployment deployment, Pipeline pipeline) {
        return "rolling out " + deployment.image().tag() + " to " + pipeline.environment() + " (simulated, "
                + progressTime.toSeconds() + " s)";
    }

    @Override
    public State check(Deployment deployment, Pipeline pipeline) {
        Instant ready = deployment.startedAt().plus(progressTime);
        String tag = deployment.image().tag().toLowerCase(Locale.ROOT);
        if (clock.instant().isBefore(ready) || tag.contains("hang")) {
            return new State(DeploymentStatus.PROGRESSING, "pods starting");
        }
        if (tag.contains("fail")) {
            return new State(DeploymentStatus.FAILED, "containers crash on start (simulated failure)");
        }
        if (tag.contains("degrade")) {
            return new State(DeploymentStatus.DEGRADED, "1 of 3 replicas unavailable (simulated)");
        }
        return new State(DeploymentStatus.HEALTHY, "all replicas available");
    }
}
