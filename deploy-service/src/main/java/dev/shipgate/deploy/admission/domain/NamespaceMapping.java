package dev.shipgate.deploy.admission.domain;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pipelines a namespace is mapped to (from a pipeline's Kubernetes target, the namespace's label or the
 * service's settings), and whether that mapping only audits. An image is authorized in the namespace when any of its
 * pipelines authorized it: several pipelines may deploy into one namespace.
 */
public record NamespaceMapping(String namespace, Set<String> pipelineIds, boolean audit) {

    /** Keeps the ids sorted, so that every message naming them names them in one order. */
    public NamespaceMapping {
        pipelineIds = Collections.unmodifiableSortedSet(new TreeSet<>(pipelineIds));
    }

    /** Both mappings' pipelines; audits when either says so. */
    public NamespaceMapping merge(NamespaceMapping other) {
        Set<String> all = new TreeSet<>(pipelineIds);
        all.addAll(other.pipelineIds);
        return new NamespaceMapping(namespace, all, audit || other.audit);
    }

    public boolean isMapped() {
        return !pipelineIds.isEmpty();
    }

    public static NamespaceMapping none(String namespace) {
        return new NamespaceMapping(namespace, Set.of(), false);
    }
}
