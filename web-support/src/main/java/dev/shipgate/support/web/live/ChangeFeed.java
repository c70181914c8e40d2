package dev.shipgate.support.web.live;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Tells listeners that what they watch has changed, by polling a cheap fingerprint of it (e.g. the ids and versions
 * of a pipeline's newest deployments) and comparing it with the last one. Polling the shared database, rather than
 * listening to this instance's own writes, is what lets a listener on one instance see changes made by any other
 * (every service runs in two or more instances). One read per watched key and poll, however many listen to it.
 *
 * @param <K> what is watched, e.g. a pipeline id
 */
public final class ChangeFeed<K> implements AutoCloseable {

    /** One listener, e.g. an open Server-Sent Events stream. */
    public interface Listener {
        /** What it watches changed; false when the listener is gone (it is dropped). */
        boolean changed();

        /** Nothing changed for a while: a keep-alive; false when the listener is gone (it is dropped). */
        boolean idle();
    }

    /** The fingerprint of a key whose first read failed: the first good read counts as a change. */
    private static final String UNKNOWN = "";

    private final Function<K, String> fingerprint;
    private final int pollsPerKeepAlive;
    private final Map<K, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final Map<K, String> last = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private long polls;

    /**
     * @param fingerprint changes whenever what a key stands for changes (equal strings: nothing changed); a failure
     *                    counts as no change
     * @param every       how often each watched key is read
     * @param keepAlive   how often listeners get {@link Listener#idle()}, at least {@code every}
     * @param name        the polling thread's name
     */
    public ChangeFeed(Function<K, String> fingerprint, Duration every, Duration keepAlive, String name) {
        this(fingerprint, (int) Math.max(1, keepAlive.toMillis() / every.toMillis()), Executors
                .newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, name);
                    thread.setDaemon(true);
                    return thread;
                }));
        timer.scheduleWithFixedDelay(this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Without a timer: the caller calls {@link #poll()} (tests). */
    ChangeFeed(Function<K, String> fingerprint, int pollsPerKeepAlive, ScheduledExecutorService timer) {
        this.fingerprint = fingerprint;
        this.pollsPerKeepAlive = pollsPerKeepAlive;
        this.timer = timer;
    }

    /**
     * Starts telling the listener of changes to key, from the fingerprint read now on.
     *
     * @return stops it (idempotent)
     */
    public Runnable listen(K key, Listener listener) {
        listeners.compute(key, (k, set) -> {
            Set<Listener> watching = set;
            if (watching == null) {
                String now = read(k);
                last.put(k, now == null ? UNKNOWN : now);
                watching = ConcurrentHashMap.newKeySet();
            }
            watching.add(listener);
            return watching;
        });
        return () -> listeners.computeIfPresent(key, (k, set) -> {
            set.remove(listener);
            if (set.isEmpty()) {
                last.remove(k);
                return null;
            }
            return set;
        });
    }

    /** One round: reads each watched key's fingerprint and tells its listeners when it changed. */
    void poll() {
        boolean keepAlive = ++polls % pollsPerKeepAlive == 0;
        listeners.keySet().forEach(key -> {
            String now = read(key);
            boolean changed = now != null && !Objects.equals(now, last.put(key, now));
            listeners.computeIfPresent(key, (k, set) -> {
                set.removeIf(listener -> !(changed ? listener.changed() : !keepAlive || listener.idle()));
                if (set.isEmpty()) {
                    last.remove(k);
                    return null;
                }
                return set;
            });
        });
    }

    int watchedKeys() {
        return listeners.size();
    }

    private String read(K key) {
        try {
            return fingerprint.apply(key);
        } catch (RuntimeException e) { // the database away for a moment: the next round tries again
            return null;
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
