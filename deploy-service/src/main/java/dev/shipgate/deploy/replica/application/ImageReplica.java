package dev.shipgate.deploy.replica.application;

import dev.shipgate.contracts.events.ImageBuilt;

import java.util.List;
import java.util.Optional;

/** Read-only copy of the images CI reported: deploy-service needs their tags. */
public interface ImageReplica {

    void apply(ImageBuilt image);

    Optional<ImageBuilt> find(String digest);

    /** The digests of at most {@code limit} images whose commit starts with {@code prefix} (any case). */
    List<String> digestsOfCommit(String prefix, int limit);
}
