package dev.shipgate.support.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what was read for a short while, for data read on every request and changed rarely (pipelines, a user's
 * access). A change made through this instance is seen at once ({@link #forget}); one made through another instance
 * of the service within the time to live. At most {@code maxEntries} are kept: past that the cache starts over,
 * which is simpler than an eviction order and costs one read per key.
 */
public final class ShortLivedCache<K, V> {

    private record Entry<V>(V value, Instant expires) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration timeToLive;
    private final int maxEntries;
    private final Clock clock;

    /** Keeps at most 10,000 entries. */
    public ShortLivedCache(Duration timeToLive, Clock clock) {
        this(timeToLive, 10_000, clock);
    }

    public ShortLivedCache(Duration timeToLive, int maxEntries, Clock clock) {
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The remembered value, else {@code load}'s (a null from it is not remembered). */
    public V get(K key, Function<K, V> load) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.expires().isAfter(now)) {
            return entry.value();
        }
        V value = load.apply(key);
        if (value != null) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(value, now.plus(timeToLive)));
        }
        return value;
    }

    public void forget(K key) {
        entries.remove(key);
    }
}
