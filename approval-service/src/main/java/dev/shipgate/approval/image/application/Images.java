package dev.shipgate.approval.image.application;

import dev.shipgate.approval.image.domain.Image;

import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;

import java.util.Collection;
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

    /** These images, in no particular order; unknown digests are left out. */
    List<Image> findAll(Collection<String> digests);

    /**
     * A page of an application's images, newest first ({@code builtAt}, then digest), filtered by the database, with
     * the filter's total.
     */
    ListPage<Image> list(ImageFilter filter, PageAt at);

    /** Digests of images whose commit starts with {@code prefix} (any case), at most {@code limit}. */
    List<String> digestsOfCommit(String prefix, int limit);

    /**
     * Filters of {@link #list}; null fields do not filter.
     *
     * @param tag    part of a tag, any case (the older {@code tag} parameter)
     * @param text   part of a tag (any case) or of the digest, or the start of the commit
     * @param except a digest left out (the active image, which is not deployable again without approval)
     */
    record ImageFilter(String application, String tag, String text, String except) {
    }
}
