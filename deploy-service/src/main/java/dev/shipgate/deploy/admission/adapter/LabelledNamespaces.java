package dev.shipgate.deploy.admission.adapter;

import dev.shipgate.deploy.admission.application.NamespaceMappings;
import dev.shipgate.deploy.admission.domain.NamespaceMapping;
import dev.shipgate.support.cache.ShortLivedCache;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mapping from the namespaces' labels, read from the Kubernetes API: {@code shipgate.dev/pipeline} names the
 * pipeline (several: separated by dots, as label values allow no commas), {@code shipgate.dev/admission-mode=audit}
 * makes the mapping audit only. A namespace's labels are remembered for a short while; a namespace that does not
 * exist maps to nothing. Needs {@code get} on namespaces (the deploy manifests' ClusterRole).
 */
class LabelledNamespaces implements NamespaceMappings {

    static final String PIPELINE_LABEL = "shipgate.dev/pipeline";
    static final String MODE_LABEL = "shipgate.dev/admission-mode";

    private final KubernetesClient client;
    private final ShortLivedCache<String, Map<String, String>> labels;

    LabelledNamespaces(KubernetesClient client, Duration timeToLive, Clock clock) {
        this.client = client;
        this.labels = new ShortLivedCache<>(timeToLive, clock);
    }

    @Override
    public NamespaceMapping of(String namespace) {
        Map<String, String> found = labels.get(namespace, name -> Optional.ofNullable(
                client.namespaces().withName(name).get()).map(Namespace::getMetadata)
                .map(meta -> meta.getLabels() == null ? Map.<String, String>of() : Map.copyOf(meta.getLabels()))
                .orElse(Map.of()));
        Set<String> ids = Arrays.stream(found.getOrDefault(PIPELINE_LABEL, "").split("\\."))
                .filter(id -> !id.isEmpty()).collect(Collectors.toSet());
        return new NamespaceMapping(namespace, ids, "audit".equals(found.get(MODE_LABEL)));
    }
}
