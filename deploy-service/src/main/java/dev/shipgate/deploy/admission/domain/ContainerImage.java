package dev.shipgate.deploy.admission.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One container of a pod spec and the image it names, as written in the object Kubernetes admits.
 *
 * @param list      where the container is: {@code containers}, {@code initContainers} or {@code ephemeralContainers}
 * @param container the container's name (may be empty when the object leaves it out)
 * @param image     the image reference, e.g. {@code registry.local/payments@sha256:ab12...}; empty when missing
 */
public record ContainerImage(String list, String container, String image) {

    /** Pinned by digest: a reference ending in {@code @sha256:} and lowercase hex (OCI's digest form). */
    private static final Pattern PINNED = Pattern.compile("[^@\\s]+@(sha256:[0-9a-f]+)");

    public ContainerImage {
        container = container == null ? "" : container;
        image = image == null ? "" : image;
    }

    /** The digest ({@code sha256:...}) the image is pinned by; empty when it is named by tag or not at all. */
    public Optional<String> digest() {
        Matcher matcher = PINNED.matcher(image);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** How a message names it: {@code initContainers "migrate"}. */
    public String describe() {
        return list + " \"" + container + "\"";
    }
}
