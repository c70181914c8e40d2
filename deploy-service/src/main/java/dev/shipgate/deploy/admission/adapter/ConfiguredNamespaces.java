package dev.shipgate.deploy.admission.adapter;

import dev.shipgate.deploy.admission.application.NamespaceMappings;
import dev.shipgate.deploy.admission.domain.NamespaceMapping;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The mapping set in {@code shipgate.admission.namespaces} and {@code shipgate.admission.audit-namespaces}. */
class ConfiguredNamespaces implements NamespaceMappings {

    private final Map<String, String> pipelinesByNamespace;
    private final Set<String> auditNamespaces;

    ConfiguredNamespaces(Map<String, String> pipelinesByNamespace, Set<String> auditNamespaces) {
        this.pipelinesByNamespace = Map.copyOf(pipelinesByNamespace);
        this.auditNamespaces = Set.copyOf(auditNamespaces);
    }

    @Override
    public NamespaceMapping of(String namespace) {
        Set<String> ids = Arrays.stream(pipelinesByNamespace.getOrDefault(namespace, "").split(","))
                .map(String::trim).filter(id -> !id.isEmpty()).collect(Collectors.toSet());
        return new NamespaceMapping(namespace, ids, auditNamespaces.contains(namespace));
    }
}
