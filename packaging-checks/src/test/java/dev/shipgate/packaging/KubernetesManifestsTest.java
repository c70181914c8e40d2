package dev.shipgate.packaging;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in deploy/k8s, read with the fabric8 Kubernetes model (client side, no cluster): typed, without
 * unknown fields, and wired the way the services need: probes on the actuator, resources, configuration from the
 * ConfigMap and secrets only from the Secret.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("..", "deploy", "k8s");
    private static final List<String> SERVICES = List.of("gateway", "approval-service", "deploy-service",
            "notification-service");
    private static final List<HasMetadata> RESOURCES = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Object parsed = Serialization.unmarshal(in);
                    if (parsed instanceof KubernetesList list) {
                        RESOURCES.addAll(list.getItems());
                    } else if (parsed instanceof List<?> items) {
                        items.forEach(item -> RESOURCES.add((HasMetadata) item));
                    } else {
                        RESOURCES.add((HasMetadata) parsed);
                    }
                }
            }
        }
    }

    @Test
    void every_service_has_a_deployment_and_a_service_in_the_namespace() {
        for (String name : SERVICES) {
            assertThat(find(Deployment.class, name)).as("Deployment %s", name).isNotNull();
            assertThat(find(Service.class, name)).as("Service %s", name).isNotNull();
        }
        assertThat(RESOURCES).allMatch(r -> r.getKind().equals("Namespace")
                || "shipgate".equals(r.getMetadata().getNamespace()));
    }

    @Test
    void containers_have_actuator_probes_resources_and_no_unknown_fields() {
        for (String name : SERVICES) {
            Deployment deployment = find(Deployment.class, name);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getAdditionalProperties()).as(name).isEmpty();
            assertThat(deployment.getSpec().getAdditionalProperties()).as(name).isEmpty();
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getStartupProbe()).isNotNull();
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            assertThat(deployment.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(find(Service.class, name).getSpec().getSelector());
        }
    }

    @Test
    void configuration_comes_from_the_config_map_and_secrets_only_from_the_secret() {
        for (String name : SERVICES) {
            Container container = find(Deployment.class, name).getSpec().getTemplate().getSpec().getContainers()
                    .get(0);
            assertThat(container.getEnvFrom()).anyMatch(source -> source.getConfigMapRef() != null
                    && "shipgate-config".equals(source.getConfigMapRef().getName()));
            EnvVar secret = container.getEnv().stream().filter(e -> e.getName().equals("SHIPGATE_JWT_SECRET"))
                    .findFirst().orElseThrow();
            assertThat(secret.getValue()).isNull();
            assertThat(secret.getValueFrom().getSecretKeyRef().getName()).isEqualTo("shipgate-secrets");
            assertThat(container.getEnv()).filteredOn(e -> e.getName().matches(".*(SECRET|PASSWORD).*"))
                    .allMatch(e -> e.getValue() == null);
        }
    }

    @Test
    void every_service_runs_in_several_replicas() {
        for (String name : SERVICES) {
            assertThat(find(Deployment.class, name).getSpec().getReplicas()).as(name).isGreaterThan(1);
        }
    }

    private static <T extends KubernetesResource> T find(Class<T> type, String name) {
        return RESOURCES.stream().filter(type::isInstance).map(type::cast)
                .filter(r -> ((HasMetadata) r).getMetadata().getName().equals(name)).findFirst().orElse(null);
    }
}
