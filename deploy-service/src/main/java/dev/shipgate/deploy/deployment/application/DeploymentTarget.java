package dev.shipgate.deploy.deployment.application;

import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.domain.Pipeline;

/** Where a deployment runs. Implementations keep no state of their own: a restarted service resumes following. */
public interface DeploymentTarget {

    /** The pipeline's {@code target} value this implementation serves. */
    String name();

    /** Starts rolling the image out; returns words for the timeline. */
    String start(Deployment deployment, Pipeline pipeline);

    /**
     * Whether another tool rolls the image out and reports its progress itself ({@code POST
     * /api/deployments/{id}/status}): then the monitor starts nothing, and only times out an authorized deployment
     * nobody reports on.
     */
    default boolean awaitsReports() {
        return false;
    }

    /** Where the rollout is now: PROGRESSING, HEALTHY, DEGRADED or FAILED, with detail. */
    State check(Deployment deployment, Pipeline pipeline);

    record State(DeploymentStatus status, String detail) {
    }
}
