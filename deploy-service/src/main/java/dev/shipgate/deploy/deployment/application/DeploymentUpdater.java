package dev.shipgate.deploy.deployment.application;

import dev.shipgate.deploy.deployment.domain.Deployment;

import java.util.Optional;
import java.util.function.Function;

/** Read, decide, write if unchanged; again on a conflict. A change that is not possible any more is skipped. */
public class DeploymentUpdater {

    private static final int MAX_ATTEMPTS = 50;

    private final Deployments deployments;

    public DeploymentUpdater(Deployments deployments) {
        this.deployments = deployments;
    }

    public Optional<Deployment> apply(String deploymentId, Function<Deployment, Optional<Deployment.Transition>> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Deployment> current = deployments.find(deploymentId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Optional<Deployment.Transition> transition = change.apply(current.get());
            if (transition.isEmpty()) {
                return Optional.empty();
            }
            if (deployments.update(transition.get().deployment(), transition.get().events())) {
                return Optional.of(transition.get().deployment());
            }
        }
        throw new IllegalStateException("deployment " + deploymentId + " kept changing under us");
    }
}
