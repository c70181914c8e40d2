package dev.shipgate.deploy.replica.application;

import dev.shipgate.contracts.events.ImageBuilt;

import java.util.Optional;

/** Read-only copy of the images CI reported: deploy-service needs their tags. */
public interface ImageReplica {

    void apply(ImageBuilt image);

    Optional<ImageBuilt> find(String digest);
}
