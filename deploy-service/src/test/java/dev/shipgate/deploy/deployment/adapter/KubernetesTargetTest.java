package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.domain.ApprovalSettings;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.replica.application.ImageReplica;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes target against fabric8's mock API server (CRUD mode, over HTTP): no cluster runs here. The test
 * plays the Deployment controller by writing the rollout status the way Kubernetes would.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTargetTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final String DIGEST = "sha256:feedbeef";
    private final ImageReplica images = new ImageReplica() {
        @Override
        public void apply(ImageBuilt image) {
        }

        @Override
        public Optional<ImageBuilt> find(String digest) {
            return Optional.of(new ImageBuilt(digest, "registry.local/payments", "2.0.0", null, "payments", "ci",
                    Instant.now()));
        }

        @Override
        public List<String> digestsOfCommit(String prefix, int limit) {
            return List.of();
        }
    };
    private final Pipeline pipeline = new Pipeline("pl-k8s", "shop", "payments", "prod", "kubernetes",
            "shop-prod/payments/app", "ROLLING", ApprovalSettings.none(), Pipeline.Trigger.MANUAL, null, false, 0);
    private final Deployment deployment = Deployment.request("dp-1", new PipelineImage("pl-k8s", "payments", "prod",
            DIGEST, "2.0.0"), "alice", null, Instant.now()).deployment();

    @BeforeEach
    void aRunningDeployment() {
        client.apps().deployments().inNamespace("shop-prod").resource(new DeploymentBuilder()
                .withNewMetadata().withName("payments").withNamespace("shop-prod").withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewTemplate().withNewMetadata().addToAnnotations("x", "y").endMetadata()
                .withNewSpec().addNewContainer().withName("sidecar").withImage("envoy:1").endContainer()
                .addNewContainer().withName("app").withImage("registry.local/payments:1.0.0").endContainer()
                .endSpec().endTemplate().endSpec().build()).createOr(existing -> existing.update());
    }

    @Test
    void starting_sets_the_image_of_the_named_container_by_digest() {
        KubernetesTarget target = new KubernetesTarget(client, images);

        String detail = target.start(deployment, pipeline);

        var stored = client.apps().deployments().inNamespace("shop-prod").withName("payments").get();
        var containers = stored.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers.get(1).getImage()).isEqualTo("registry.local/payments@" + DIGEST);
        assertThat(containers.get(0).getImage()).isEqualTo("envoy:1");
        assertThat(stored.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(KubernetesTarget.ANNOTATION, "dp-1");
        assertThat(detail).contains("shop-prod/payments");
    }

    @Test
    void starting_a_deployment_again_writes_nothing_so_no_second_rollout_begins() {
        KubernetesTarget target = new KubernetesTarget(client, images);
        target.start(deployment, pipeline);
        String afterFirst = client.apps().deployments().inNamespace("shop-prod").withName("payments").get()
                .getMetadata().getResourceVersion();

        String detail = target.start(deployment, pipeline); // an instance taking over after its holder died

        assertThat(client.apps().deployments().inNamespace("shop-prod").withName("payments").get()
                .getMetadata().getResourceVersion()).isEqualTo(afterFirst);
        assertThat(detail).contains("already");
    }

    @Test
    void the_rollout_is_progressing_until_every_replica_is_updated_and_available_then_healthy() {
        KubernetesTarget target = new KubernetesTarget(client, images);
        target.start(deployment, pipeline);

        rollout(false, 3, 1, 1, null);
        assertThat(target.check(deployment, pipeline).status()).isEqualTo(DeploymentStatus.PROGRESSING);

        rollout(true, 3, 3, 3, null);
        var state = target.check(deployment, pipeline);
        assertThat(state.status()).isEqualTo(DeploymentStatus.HEALTHY);
        assertThat(state.detail()).contains("3 of 3 replicas updated, 3 available");
    }

    @Test
    void an_exceeded_progress_deadline_fails_the_deployment() {
        KubernetesTarget target = new KubernetesTarget(client, images);
        target.start(deployment, pipeline);

        rollout(true, 4, 1, 2, "ProgressDeadlineExceeded");

        assertThat(target.check(deployment, pipeline).status()).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void a_missing_deployment_fails_and_a_bad_target_ref_is_refused() {
        KubernetesTarget target = new KubernetesTarget(client, images);
        Pipeline elsewhere = new Pipeline("pl-x", "shop", "payments", "prod", "kubernetes", "shop-prod/nothing",
                "ROLLING", ApprovalSettings.none(), Pipeline.Trigger.MANUAL, null, false, 0);
        Pipeline malformed = new Pipeline("pl-y", "shop", "payments", "prod", "kubernetes", "just-a-name",
                "ROLLING", ApprovalSettings.none(), Pipeline.Trigger.MANUAL, null, false, 0);

        assertThat(target.check(deployment, elsewhere).status()).isEqualTo(DeploymentStatus.FAILED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> target.start(deployment, malformed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace/deployment");
    }

    /**
     * The manifests give deploy-service's ServiceAccount exactly the verbs this target's client sends (README
     * "Kubernetes target: permissions"): a verb it lacks would fail every rollout in a cluster, one more would be
     * a grant nobody needs. Every request of a first start, a repeated start and a check is recorded.
     */
    @Test
    void the_manifests_grant_exactly_the_verbs_the_client_sends() throws Exception {
        KubernetesTarget target = new KubernetesTarget(client, images);
        while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // forget the requests of the set-up
        }

        target.start(deployment, pipeline);
        target.start(deployment, pipeline);
        target.check(deployment, pipeline);

        Set<String> sent = new TreeSet<>();
        for (RecordedRequest request = server.takeRequest(100, TimeUnit.MILLISECONDS); request != null;
                request = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            sent.add(verb(request));
        }
        assertThat(sent).containsExactlyInAnyOrderElementsOf(granted("shipgate-deploy-service-rollouts"));
    }

    /** {@code apps/deployments:patch} for {@code PATCH /apis/apps/v1/namespaces/ns/deployments/name}. */
    private static String verb(RecordedRequest request) {
        String path = request.getPath().split("\\?")[0];
        String[] parts = path.split("/");
        // /api/v1/namespaces/ns/<resource>[/name] or /apis/<group>/<version>/namespaces/ns/<resource>[/name]
        int at = path.startsWith("/apis/") ? 4 : 3;
        String group = path.startsWith("/apis/") ? parts[2] : "";
        String resource = parts[at + 2];
        boolean named = parts.length > at + 3;
        String verb = switch (request.getMethod()) {
            case "GET" -> named ? "get" : request.getPath().contains("watch=true") ? "watch" : "list";
            case "PATCH" -> "patch";
            case "PUT" -> "update";
            case "POST" -> "create";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> request.getMethod();
        };
        return group + "/" + resource + ":" + verb;
    }

    private static List<String> granted(String clusterRole) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("..", "deploy", "k8s", "02-deploy-service-rbac.yaml"))) {
            List<?> resources = Serialization.unmarshal(in);
            ClusterRole role = resources.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                    .filter(r -> ((HasMetadata) r).getMetadata().getName().equals(clusterRole)).findFirst()
                    .orElseThrow();
            return role.getRules().stream().flatMap(rule -> rule.getApiGroups().stream().flatMap(group ->
                    rule.getResources().stream().flatMap(resource -> rule.getVerbs().stream()
                            .map(verb -> group + "/" + resource + ":" + verb)))).collect(Collectors.toList());
        }
    }

    /** What the Deployment controller would write while rolling out. */
    private static void rollout(boolean observed, int replicas, int updated, int available, String reason) {
        var current = client.apps().deployments().inNamespace("shop-prod").withName("payments").get();
        long generation = current.getMetadata().getGeneration() == null ? 1 : current.getMetadata().getGeneration();
        var status = new DeploymentStatusBuilder().withObservedGeneration(observed ? generation : generation - 1)
                .withReplicas(replicas)
                .withUpdatedReplicas(updated).withAvailableReplicas(available);
        if (reason != null) {
            status.addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                    .withReason(reason).build());
        }
        current.setStatus(status.build());
        client.apps().deployments().inNamespace("shop-prod").resource(current).updateStatus();
    }
}
