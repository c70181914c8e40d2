package dev.shipgate.deploy.breakglass.domain;

import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;

import java.util.List;
import java.util.Optional;

/**
 * The release an incident rollback goes back to: the newest deployment before the current one (the running one, else
 * the newest) that once reached HEALTHY, of another image than the current one.
 */
public final class RollbackTarget {

    private RollbackTarget() {
    }

    /** @param newestFirst the pipeline's deployments, newest first; {@code current} the running one if any */
    public static Optional<Deployment> previousHealthy(List<Deployment> newestFirst, Optional<Deployment> current) {
        Optional<Deployment> now = current.or(() -> newestFirst.stream().findFirst());
        return newestFirst.stream()
                .filter(d -> now.isEmpty() || !d.id().equals(now.get().id())
                        && !d.image().digest().equals(now.get().image().digest()))
                .filter(d -> now.isEmpty() || !d.requestedAt().isAfter(now.get().requestedAt()))
                .filter(RollbackTarget::wasHealthy)
                .findFirst();
    }

    private static boolean wasHealthy(Deployment deployment) {
        return deployment.timeline().stream().anyMatch(step -> step.status() == DeploymentStatus.HEALTHY);
    }
}
