package dev.shipgate.approval.image.domain;

import java.time.Instant;
import java.util.List;

/** An image built by CI, identified by its digest; tags are labels that may grow. */
public record Image(String digest, String repository, List<String> tags, String commit, String application,
                    String builtBy, Instant builtAt) {

    public Image {
        tags = List.copyOf(tags);
    }

    /** The tag people know it by: the latest one given. */
    public String tag() {
        return tags.isEmpty() ? digest : tags.get(tags.size() - 1);
    }
}
