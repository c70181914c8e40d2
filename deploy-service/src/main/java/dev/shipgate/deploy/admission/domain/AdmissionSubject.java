package dev.shipgate.deploy.admission.domain;

import java.util.List;

/**
 * What an admission review asks about: an object of {@code kind} written to {@code namespace}, and every container
 * image of its pod spec (the Pod's own, or the pod template of a workload).
 */
public record AdmissionSubject(String namespace, String kind, String name, List<ContainerImage> images) {

    public AdmissionSubject {
        images = List.copyOf(images);
    }

    /** How messages name it: {@code Deployment shop-prod/payments}. */
    public String describe() {
        return kind + " " + namespace + "/" + (name == null || name.isEmpty() ? "(generated name)" : name);
    }
}
