package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.DeploymentTarget;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.replica.application.ImageReplica;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deploys to Kubernetes: sets the image of a container of a Deployment ({@code targetRef} =
 * {@code namespace/deployment[/container]}) and follows the rollout the way {@code kubectl rollout status} does.
 * Nothing is kept in memory: each check reads the Deployment again, so a restarted service resumes following.
 * Starting is idempotent per deployment id: when the container runs the image already and the pod template carries
 * this deployment's id, nothing is written (an instance that takes over a deployment its dead holder had started may
 * start it again).
 */
class KubernetesTarget implements DeploymentTarget {

    static final String ANNOTATION = "shipgate.dev/deployment-id";

    private final KubernetesClient client;
    private final ImageReplica images;

    KubernetesTarget(KubernetesClient client, ImageReplica images) {
        this.client = client;
        this.images = images;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public String start(Deployment deployment, Pipeline pipeline) {
        Ref ref = Ref.parse(pipeline.targetRef());
        String image = images.find(deployment.image().digest())
                .map(built -> built.repository() + "@" + built.digest())
                .orElseThrow(() -> new IllegalStateException("the repository of " + deployment.image().digest()
                        + " is unknown"));
        var resource = client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name());
        var running = resource.get();
        if (running != null && image.equals(container(running, ref).getImage())
                && deployment.id().equals(running.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(ANNOTATION))) {
            return "the image of " + ref + " is " + image + " already (started before)";
        }
        resource.edit(current -> {
            Container container = container(current, ref);
            container.setImage(image);
            current.getSpec().getTemplate().getMetadata().getAnnotations().put(ANNOTATION, deployment.id());
            return current;
        });
        return "set the image of " + ref + " to " + image;
    }

    private static Container container(io.fabric8.kubernetes.api.model.apps.Deployment deployment, Ref ref) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        return ref.container() == null ? containers.get(0) : containers.stream()
                .filter(c -> c.getName().equals(ref.container())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no container " + ref.container()));
    }

    @Override
    public State check(Deployment deployment, Pipeline pipeline) {
        Ref ref = Ref.parse(pipeline.targetRef());
        var current = client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
        if (current == null) {
            return new State(DeploymentStatus.FAILED, "deployment " + ref + " does not exist");
        }
        var status = Optional.ofNullable(current.getStatus())
                .orElseGet(io.fabric8.kubernetes.api.model.apps.DeploymentStatus::new);
        List<DeploymentCondition> conditions = Optional.ofNullable(status.getConditions()).orElse(List.of());
        if (conditions.stream().anyMatch(c -> "Progressing".equals(c.getType())
                && "ProgressDeadlineExceeded".equals(c.getReason()))) {
            return new State(DeploymentStatus.FAILED, "progress deadline exceeded on " + ref);
        }
        int wanted = Optional.ofNullable(current.getSpec().getReplicas()).orElse(1);
        int updated = orZero(status.getUpdatedReplicas());
        int available = orZero(status.getAvailableReplicas());
        int total = orZero(status.getReplicas());
        long generation = Optional.ofNullable(current.getMetadata().getGeneration()).orElse(0L);
        boolean observed = Optional.ofNullable(status.getObservedGeneration()).orElse(0L) >= generation;
        String detail = updated + " of " + wanted + " replicas updated, " + available + " available";
        if (observed && updated >= wanted && available >= wanted && total <= updated) {
            return new State(DeploymentStatus.HEALTHY, detail);
        }
        boolean unavailable = conditions.stream().anyMatch(c -> "Available".equals(c.getType())
                && "False".equals(c.getStatus()));
        if (observed && updated >= wanted && unavailable) {
            return new State(DeploymentStatus.DEGRADED, detail + "; the deployment reports itself unavailable");
        }
        return new State(DeploymentStatus.PROGRESSING, detail);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** {@code namespace/deployment[/container]}. */
    record Ref(String namespace, String name, String container) {
        static Ref parse(String targetRef) {
            String[] parts = Objects.requireNonNull(targetRef, "the pipeline has no targetRef").split("/");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("targetRef must be namespace/deployment[/container]: " + targetRef);
            }
            return new Ref(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }
}
