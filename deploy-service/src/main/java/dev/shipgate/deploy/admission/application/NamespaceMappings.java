package dev.shipgate.deploy.admission.application;

import dev.shipgate.deploy.admission.domain.NamespaceMapping;

/** One source of the namespace-to-pipeline mapping (pipelines' targets, namespace labels, settings). */
public interface NamespaceMappings {

    /** The namespace's mapping from this source; {@link NamespaceMapping#none} when it maps it to nothing. */
    NamespaceMapping of(String namespace);
}
