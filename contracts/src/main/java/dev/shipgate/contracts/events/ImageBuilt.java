package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;

/** CI built an image. The digest identifies it; the tag is a label; {@code builtBy} may never approve it. */
public record ImageBuilt(String digest, String repository, String tag, String commit, String application,
                         String builtBy, Instant builtAt) implements EventPayload {

    @Override
    public String subject() {
        return digest;
    }

    @Override
    public String partitionKey() {
        return digest;
    }
}
