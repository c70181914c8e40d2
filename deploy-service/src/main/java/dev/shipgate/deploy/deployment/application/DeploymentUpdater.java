package dev.shipgate.deploy.deployment.application;

import dev.shipgate.deploy.deployment.domain.Deployment;

import java.util.Optional;
import java.util.function.Function;

/**
 * Read, decide, write if unchanged; again on a conflict. A change the deployment refuses (not possible any more) is
 * skipped.
 */
public class DeploymentUpdater {

    private static final int MAX_ATTEMPTS = 50;

    private final Deployments deployments;

    public DeploymentUpdater(Deployments deployments) {
        this.deployments = deployments;
    }

    public Optional<Deployment> apply(String deploymentId, Function<Deployment, Deployment.Change> change) {
        return apply(deploymentId, Optional.empty(), change);
    }

    /**
     * As above, deciding first on {@code known}, a version the caller just read, which saves reading it again; a
     * newer one stored meanwhile makes the write fail, and the next attempts read it.
     */
    public Optional<Deployment> apply(Deployment known, Function<Deployment, Deployment.Change> change) {
        return apply(known.id(), Optional.of(known), change);
    }

    private Optional<Deployment> apply(String deploymentId, Optional<Deployment> known,
                                       Function<Deployment, Deployment.Change> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Deployment> current = attempt == 0 && known.isPresent() ? known : deployments.find(deploymentId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            if (!(change.apply(current.get()) instanceof Deployment.Transition transition)) {
                if (attempt == 0 && known.isPresent()) {
                    continue; // perhaps only the known version did not allow it: judged again on the stored one
                }
                return Optional.empty();
            }
            if (deployments.update(transition.deployment(), transition.events())) {
                return Optional.of(transition.deployment());
            }
        }
        throw new IllegalStateException("deployment " + deploymentId + " kept changing under us");
    }
}
