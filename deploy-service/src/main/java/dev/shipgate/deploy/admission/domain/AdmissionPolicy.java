package dev.shipgate.deploy.admission.domain;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The service-wide admission settings: namespaces never checked ({@code kube-system}...), image patterns never
 * checked (glob, {@code *} = any characters, e.g. {@code registry.k8s.io/*}), audit everywhere, and what to answer
 * when the decision data cannot be read in time (fail open: allow with a warning; fail closed: deny).
 */
public record AdmissionPolicy(Set<String> exemptNamespaces, List<String> exemptImages, boolean auditEverywhere,
                              boolean failOpen) {

    public AdmissionPolicy {
        exemptNamespaces = Set.copyOf(exemptNamespaces);
        exemptImages = List.copyOf(exemptImages);
    }

    public boolean exempts(String namespace) {
        return exemptNamespaces.contains(namespace);
    }

    public boolean exempts(ContainerImage image) {
        return exemptImages.stream().anyMatch(glob -> matches(glob, image.image()));
    }

    private static boolean matches(String glob, String image) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.matches(regex.toString(), image);
    }
}
