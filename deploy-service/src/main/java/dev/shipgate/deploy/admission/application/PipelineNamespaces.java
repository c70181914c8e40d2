package dev.shipgate.deploy.admission.application;

import dev.shipgate.deploy.admission.domain.NamespaceMapping;
import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.support.cache.ShortLivedCache;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The mapping from the pipelines' Kubernetes targets: a pipeline with target {@code kubernetes} and {@code targetRef}
 * {@code namespace/deployment[/container]} maps that namespace to itself. All pipelines are read at once and
 * remembered for a short while (a new pipeline gates its namespace within that time).
 */
public final class PipelineNamespaces implements NamespaceMappings {

    private final Pipelines pipelines;
    private final ShortLivedCache<String, Map<String, Set<String>>> cache;

    public PipelineNamespaces(Pipelines pipelines, Duration timeToLive, Clock clock) {
        this.pipelines = pipelines;
        this.cache = new ShortLivedCache<>(timeToLive, clock);
    }

    @Override
    public NamespaceMapping of(String namespace) {
        Set<String> ids = cache.get("all", any -> byNamespace()).getOrDefault(namespace, Set.of());
        return new NamespaceMapping(namespace, ids, false);
    }

    private Map<String, Set<String>> byNamespace() {
        Map<String, Set<String>> map = new HashMap<>();
        for (Pipeline pipeline : pipelines.all()) {
            String ref = pipeline.targetRef();
            if (!pipeline.deleted() && "kubernetes".equals(pipeline.target()) && ref != null && ref.contains("/")) {
                map.computeIfAbsent(ref.substring(0, ref.indexOf('/')), ns -> new HashSet<>()).add(pipeline.id());
            }
        }
        return map;
    }
}
