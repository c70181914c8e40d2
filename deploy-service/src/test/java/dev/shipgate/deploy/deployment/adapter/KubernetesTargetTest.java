package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.domain.ApprovalSettings;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.replica.application.ImageReplica;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes target against fabric8's mock API server (CRUD mode, over HTTP): no cluster runs here. The test
 * plays the Deployment controller by writing the rollout status the way Kubernetes would.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTargetTest {

    static KubernetesClient client;

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
    };
    private final Pipeline pipeline = new Pipeline("pl-k8s", "shop", "payments", "prod", "kubernetes",
            "shop-prod/payments/app", "ROLLING", ApprovalSettings.none(), Pipeline.Trigger.MANUAL, false, 0);
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
                "ROLLING", ApprovalSettings.none(), Pipeline.Trigger.MANUAL, false, 0);
        Pipeline malformed = new Pipeline("pl-y", "shop", "payments", "prod", "kubernetes", "just-a-name",
                "ROLLING", ApprovalSettings.none(), Pipeline.Trigger.MANUAL, false, 0);

        assertThat(target.check(deployment, elsewhere).status()).isEqualTo(DeploymentStatus.FAILED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> target.start(deployment, malformed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace/deployment");
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
