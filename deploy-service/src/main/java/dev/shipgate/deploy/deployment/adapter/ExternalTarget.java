package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.DeploymentTarget;
import dev.shipgate.deploy.deployment.application.StatusReports;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.domain.Pipeline;

/**
 * A pipeline whose rollouts another tool performs (Argo CD, Flux, GitHub Actions, Jenkins, Tekton): Shipgate
 * publishes the decision (DeploymentAuthorized, DeploymentStatusChanged) and waits for the tool's reports
 * ({@link StatusReports}); it starts and checks nothing itself, so a rollout nobody reports on times out.
 */
class ExternalTarget implements DeploymentTarget {

    @Override
    public String name() {
        return StatusReports.EXTERNAL;
    }

    @Override
    public boolean awaitsReports() {
        return true;
    }

    @Override
    public String start(Deployment deployment, Pipeline pipeline) {
        return "waiting for the tool to start rolling out " + deployment.image().tag();
    }

    @Override
    public State check(Deployment deployment, Pipeline pipeline) {
        return new State(DeploymentStatus.PROGRESSING, "waiting for the tool to report the outcome");
    }
}
