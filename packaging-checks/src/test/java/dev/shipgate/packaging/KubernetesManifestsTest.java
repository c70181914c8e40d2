package dev.shipgate.packaging;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "ValidatingWebhookConfiguration");
    /** Applied once per namespace a pipeline targets, by hand (not by {@code kubectl apply -f deploy/k8s/}). */
    private static final List<HasMetadata> PER_NAMESPACE = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        RESOURCES.addAll(readAll(MANIFESTS));
        PER_NAMESPACE.addAll(readAll(MANIFESTS.resolve("per-namespace")));
    }

    private static List<HasMetadata> readAll(Path folder) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Object parsed = Serialization.unmarshal(in);
                    if (parsed instanceof KubernetesList list) {
                        resources.addAll(list.getItems());
                    } else if (parsed instanceof List<?> items) {
                        items.forEach(item -> resources.add((HasMetadata) item));
                    } else {
                        resources.add((HasMetadata) parsed);
                    }
                }
            }
        }
        return resources;
    }

    @Test
    void every_service_has_a_deployment_and_a_service_in_the_namespace() {
        for (String name : SERVICES) {
            assertThat(find(Deployment.class, name)).as("Deployment %s", name).isNotNull();
            assertThat(find(Service.class, name)).as("Service %s", name).isNotNull();
        }
        assertThat(RESOURCES).allMatch(r -> CLUSTER_SCOPED.contains(r.getKind())
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

    /**
     * The admission webhook (issue 21): the API server reaches deploy-service's HTTPS port through a Service, with
     * cert-manager's certificate (issued into the Secret deploy-service mounts, its CA injected into the webhook);
     * every kind with a pod spec is sent, Shipgate's own namespace and the control plane's never are, and the API
     * server waits longer than deploy-service's own deadline (3 s) for the answer.
     */
    @Test
    void the_admission_webhook_reaches_deploy_services_https_port_with_cert_managers_certificate() {
        ValidatingWebhookConfiguration configuration = RESOURCES.stream()
                .filter(ValidatingWebhookConfiguration.class::isInstance)
                .map(ValidatingWebhookConfiguration.class::cast).findFirst().orElseThrow();
        assertThat(configuration.getAdditionalProperties()).isEmpty();
        ValidatingWebhook webhook = configuration.getWebhooks().get(0);
        assertThat(webhook.getAdditionalProperties()).isEmpty();
        assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
        assertThat(webhook.getSideEffects()).isEqualTo("None");
        assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
        assertThat(webhook.getTimeoutSeconds()).isBetween(4, 10);

        ServiceReference target = webhook.getClientConfig().getService();
        assertThat(target.getPath()).isEqualTo("/api/admission/reviews");
        assertThat(target.getNamespace()).isEqualTo("shipgate");
        Service service = find(Service.class, target.getName());
        String targetPort = service.getSpec().getPorts().stream().filter(p -> p.getPort().equals(target.getPort()))
                .findFirst().orElseThrow().getTargetPort().getStrVal();
        Deployment deployService = find(Deployment.class, "deploy-service");
        assertThat(service.getSpec().getSelector()).isEqualTo(deployService.getSpec().getSelector().getMatchLabels());
        Container container = deployService.getSpec().getTemplate().getSpec().getContainers().get(0);
        int httpsPort = container.getPorts().stream().filter(p -> p.getName().equals(targetPort)).findFirst()
                .orElseThrow().getContainerPort();
        assertThat(env(container, "SHIPGATE_ADMISSION_TLS_PORT")).isEqualTo(String.valueOf(httpsPort));

        String[] injectFrom = configuration.getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from")
                .split("/");
        GenericKubernetesResource certificate = generic("Certificate", injectFrom[1]);
        assertThat(certificate.getMetadata().getNamespace()).isEqualTo(injectFrom[0]);
        assertThat(certificate.getApiVersion()).isEqualTo("cert-manager.io/v1");
        Map<String, Object> spec = certificate.get("spec");
        assertThat(String.valueOf(spec.get("dnsNames")))
                .contains(target.getName() + "." + target.getNamespace() + ".svc,");
        @SuppressWarnings("unchecked")
        Map<String, Object> issuer = (Map<String, Object>) spec.get("issuerRef");
        assertThat(generic((String) issuer.get("kind"), (String) issuer.get("name"))).isNotNull();
        Volume volume = deployService.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null && v.getSecret().getSecretName().equals(spec.get("secretName")))
                .findFirst().orElseThrow();
        String mountPath = container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                .findFirst().orElseThrow().getMountPath();
        // Spring Boot's SSL bundle serves the mounted files and reloads them when cert-manager renews the Secret
        String bundle = "SPRING_SSL_BUNDLE_PEM_" + env(container, "SHIPGATE_ADMISSION_TLS_BUNDLE").toUpperCase();
        assertThat(env(container, bundle + "_KEYSTORE_CERTIFICATE")).isEqualTo(mountPath + "/tls.crt");
        assertThat(env(container, bundle + "_KEYSTORE_PRIVATEKEY")).isEqualTo(mountPath + "/tls.key");
        assertThat(env(container, bundle + "_RELOADONUPDATE")).isEqualTo("true");

        Set<String> sent = webhook.getRules().stream().flatMap(rule -> rule.getResources().stream())
                .collect(Collectors.toSet());
        assertThat(sent).contains("pods", "pods/ephemeralcontainers", "deployments", "statefulsets", "daemonsets",
                "replicasets", "jobs", "cronjobs");
        assertThat(webhook.getRules()).allMatch(rule -> rule.getOperations().containsAll(List.of("CREATE", "UPDATE")));
        LabelSelectorRequirement notIn = webhook.getNamespaceSelector().getMatchExpressions().get(0);
        assertThat(notIn.getKey()).isEqualTo("kubernetes.io/metadata.name");
        assertThat(notIn.getOperator()).isEqualTo("NotIn");
        assertThat(notIn.getValues()).contains("shipgate", "kube-system", "cert-manager");
        assertThat(env(container, "SHIPGATE_ADMISSION_EXEMPT_NAMESPACES").split(","))
                .contains(notIn.getValues().toArray(String[]::new));
    }

    /**
     * deploy-service's ServiceAccount may roll out Deployments only where a RoleBinding in that namespace says so
     * (the verbs themselves are checked against what the client sends in deploy-service's KubernetesTargetTest):
     * the rollouts ClusterRole is never bound cluster-wide, its per-namespace binding names the account the
     * Deployment runs as, and no rule grants a wildcard or access to Secrets.
     */
    @Test
    void deploy_service_may_roll_out_only_in_the_namespaces_bound_to_it() {
        Deployment deployService = find(Deployment.class, "deploy-service");
        String account = deployService.getSpec().getTemplate().getSpec().getServiceAccountName();
        assertThat(find(ServiceAccount.class, account)).as("ServiceAccount %s", account).isNotNull();

        ClusterRole rollouts = find(ClusterRole.class, "shipgate-deploy-service-rollouts");
        assertThat(rollouts.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("apps");
            assertThat(rule.getResources()).containsExactly("deployments");
        });
        assertThat(RESOURCES).filteredOn(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast)
                .noneMatch(binding -> binding.getRoleRef().getName().equals(rollouts.getMetadata().getName()));
        assertThat(RESOURCES).filteredOn(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .flatMap(ClusterRole::getRules).allSatisfy(rule -> {
                    assertThat(rule.getVerbs()).doesNotContain("*");
                    assertThat(rule.getResources()).doesNotContain("*", "secrets");
                });

        RoleBinding binding = PER_NAMESPACE.stream().filter(RoleBinding.class::isInstance)
                .map(RoleBinding.class::cast).findFirst().orElseThrow();
        assertThat(binding.getMetadata().getNamespace()).isNotEqualTo("shipgate");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo(rollouts.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(account);
            assertThat(subject.getNamespace()).isEqualTo(deployService.getMetadata().getNamespace());
        });
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
                .getValue();
    }

    private static GenericKubernetesResource generic(String kind, String name) {
        return RESOURCES.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast)
                .filter(r -> r.getKind().equals(kind) && r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static <T extends KubernetesResource> T find(Class<T> type, String name) {
        return RESOURCES.stream().filter(type::isInstance).map(type::cast)
                .filter(r -> ((HasMetadata) r).getMetadata().getName().equals(name)).findFirst().orElse(null);
    }
}
