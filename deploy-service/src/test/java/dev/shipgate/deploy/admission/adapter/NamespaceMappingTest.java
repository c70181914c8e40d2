package dev.shipgate.deploy.admission.adapter;

import dev.shipgate.deploy.admission.application.AdmissionService;
import dev.shipgate.deploy.admission.application.NamespaceMappings;
import dev.shipgate.deploy.admission.application.PipelineNamespaces;
import dev.shipgate.deploy.admission.domain.AdmissionDecision;
import dev.shipgate.deploy.admission.domain.AdmissionPolicy;
import dev.shipgate.deploy.admission.domain.AdmissionSubject;
import dev.shipgate.deploy.admission.domain.ContainerImage;
import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.pipeline.domain.ApprovalSettings;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.testing.SteppingClock;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The namespace-to-pipeline mapping against fabric8's mock Kubernetes API server (CRUD mode, over HTTP; no cluster
 * runs here): the namespaces' labels, the pipelines' Kubernetes targets, both at once, a label changed, and the API
 * server out of reach.
 */
@EnableKubernetesMockClient(crud = true)
class NamespaceMappingTest {

    static KubernetesClient client;

    private static final String AUTHORIZED = "sha256:" + "c".repeat(64);
    private static final String OTHER = "sha256:" + "d".repeat(64);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final Pipelines pipelines = new Pipelines() {
        @Override
        public void create(Pipeline pipeline) {
        }

        @Override
        public boolean update(Pipeline pipeline) {
            return false;
        }

        @Override
        public Optional<Pipeline> find(String id) {
            return all().stream().filter(p -> p.id().equals(id)).findFirst();
        }

        @Override
        public List<Pipeline> all() {
            return List.of(pipeline("payments-prod", "kubernetes", "shop-prod/payments/app"),
                    pipeline("orders-prod", "kubernetes", "shop-prod/orders"),
                    pipeline("old-prod", "simulated", "legacy/app"));
        }
    };

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    private static Pipeline pipeline(String id, String target, String ref) {
        return new Pipeline(id, "shop", id, "prod", target, ref, "ROLLING", ApprovalSettings.none(),
                Pipeline.Trigger.MANUAL, null, false, 0);
    }

    private static void namespace(String name, Map<String, String> labels) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).createOr(existing -> existing.update());
    }

    private AdmissionService service(KubernetesClient kubernetes) {
        List<NamespaceMappings> sources = List.of(new LabelledNamespaces(kubernetes, Duration.ofSeconds(30), clock),
                new PipelineNamespaces(pipelines, Duration.ofSeconds(30), clock));
        return new AdmissionService(Set.of("kube-apiserver"), new AdmissionPolicy(Set.of(), List.of(), false, false),
                sources, pipeline -> Map.of("payments-prod", Set.of(AUTHORIZED), "checkout-prod", Set.of(OTHER))
                .getOrDefault(pipeline, Set.of()), (subject, decision, nanos) -> { }, readers,
                Duration.ofSeconds(2), Duration.ofSeconds(30), clock);
    }

    private static AdmissionSubject pod(String namespace, String digest) {
        return new AdmissionSubject(namespace, "Pod", "web",
                List.of(new ContainerImage("containers", "app", "registry.local/web@" + digest)));
    }

    @Test
    void aLabelledNamespaceIsGatedByItsPipeline() {
        namespace("checkout", Map.of(LabelledNamespaces.PIPELINE_LABEL, "checkout-prod"));
        AdmissionService service = service(client);
        assertThat(service.decide(pod("checkout", OTHER)).outcome()).isEqualTo(AdmissionDecision.Outcome.AUTHORIZED);
        AdmissionDecision refused = service.decide(pod("checkout", AUTHORIZED));
        assertThat(refused.outcome()).isEqualTo(AdmissionDecision.Outcome.DENIED);
        assertThat(refused.message()).contains("not authorized by Shipgate for pipeline checkout-prod");
    }

    @Test
    void anAuditLabelMakesTheMappingWarnOnly() {
        namespace("checkout-canary", Map.of(LabelledNamespaces.PIPELINE_LABEL, "checkout-prod",
                LabelledNamespaces.MODE_LABEL, "audit"));
        AdmissionDecision decision = service(client).decide(pod("checkout-canary", AUTHORIZED));
        assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.AUDITED);
        assertThat(decision.warnings()).hasSize(1);
    }

    @Test
    void unlabelledAndMissingNamespacesAreNotGated() {
        namespace("sandbox", Map.of("team", "web"));
        AdmissionService service = service(client);
        assertThat(service.decide(pod("sandbox", OTHER)).outcome()).isEqualTo(AdmissionDecision.Outcome.NOT_GATED);
        assertThat(service.decide(pod("nowhere", OTHER)).outcome()).isEqualTo(AdmissionDecision.Outcome.NOT_GATED);
    }

    @Test
    void aPipelinesKubernetesTargetGatesItsNamespaceWithEveryPipelineThere() {
        AdmissionService service = service(client);
        assertThat(service.decide(pod("shop-prod", AUTHORIZED)).outcome())
                .isEqualTo(AdmissionDecision.Outcome.AUTHORIZED);
        assertThat(service.decide(pod("shop-prod", OTHER)).message())
                .contains("for pipeline orders-prod or payments-prod");
        assertThat(service.decide(pod("legacy", OTHER)).outcome()).as("a simulated target maps nothing")
                .isEqualTo(AdmissionDecision.Outcome.NOT_GATED);
    }

    @Test
    void aLabelAddedLaterGatesTheNamespaceOnceTheRememberedLabelsRunOut() {
        namespace("reports", Map.of());
        AdmissionService service = service(client);
        assertThat(service.decide(pod("reports", OTHER)).outcome()).isEqualTo(AdmissionDecision.Outcome.NOT_GATED);
        namespace("reports", Map.of(LabelledNamespaces.PIPELINE_LABEL, "payments-prod"));
        assertThat(service.decide(pod("reports", OTHER)).outcome()).isEqualTo(AdmissionDecision.Outcome.NOT_GATED);
        clock.step(Duration.ofSeconds(31));
        assertThat(service.decide(pod("reports", OTHER)).outcome()).isEqualTo(AdmissionDecision.Outcome.DENIED);
    }

    @Test
    void anApiServerOutOfReachFailsClosedWithinTheDeadline() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Config config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closedPort)
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(500).build();
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
            long start = System.nanoTime();
            AdmissionDecision decision = service(unreachable).decide(pod("checkout", OTHER));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.FAILED_CLOSED);
        }
    }
}
