package dev.shipgate.deploy.replica.application;

import dev.shipgate.contracts.events.ImageBuilt;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The image replica in memory, for tests through the ports. */
public final class InMemoryImageReplica implements ImageReplica {

    private final Map<String, ImageBuilt> byDigest = new ConcurrentHashMap<>();

    @Override
    public void apply(ImageBuilt image) {
        byDigest.put(image.digest(), image);
    }

    @Override
    public Optional<ImageBuilt> find(String digest) {
        return Optional.ofNullable(byDigest.get(digest));
    }

    @Override
    public List<String> digestsOfCommit(String prefix, int limit) {
        return byDigest.values().stream()
                .filter(image -> image.commit() != null
                        && image.commit().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT)))
                .map(ImageBuilt::digest).limit(limit).toList();
    }
}
