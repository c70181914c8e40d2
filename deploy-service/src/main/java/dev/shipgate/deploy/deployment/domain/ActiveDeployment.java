package dev.shipgate.deploy.deployment.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which deployment is "active on &lt;environment&gt;" (App Details): the newest HEALTHY one of the pipeline. An older
 * HEALTHY one not yet marked SUPERSEDED (the rollout monitor does that when the newer one starts) is not active.
 */
public final class ActiveDeployment {

    /** The statuses a candidate for active has. */
    public static final List<DeploymentStatus> CANDIDATES = List.of(DeploymentStatus.HEALTHY);

    private ActiveDeployment() {
    }

    /** The active one among a pipeline's deployments in {@link #CANDIDATES}; empty when none runs. */
    public static Optional<Deployment> among(Collection<Deployment> candidates) {
        return candidates.stream().filter(d -> CANDIDATES.contains(d.status()))
                .max(Comparator.comparing(Deployment::requestedAt));
    }
}
