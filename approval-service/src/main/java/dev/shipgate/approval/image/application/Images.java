package dev.shipgate.approval.image.application;

import dev.shipgate.approval.image.domain.Image;

import java.util.List;
import java.util.Optional;

/** Images from CI. */
public interface Images {

    /**
     * Stores a new image; for a known digest only adds the tag, so the first builder stays the builder.
     *
     * @return the image as stored (its first builder, all its tags)
     */
    Image record(Image image);

    /**
     * As {@link #record}, and when the digest is new, also publishes {@code event} on the images topic (for
     * images that came in over HTTP, so that the other services learn of them too).
     *
     * @return the image as stored (its first builder, all its tags)
     */
    Image recordAndPublish(Image image, dev.shipgate.contracts.events.ImageBuilt event);

    Optional<Image> find(String digest);

    /** Newest first; {@code tagFilter} matches part of a tag, or everything when null. */
    List<Image> forApplication(String application, String tagFilter, int page, int size);
}
