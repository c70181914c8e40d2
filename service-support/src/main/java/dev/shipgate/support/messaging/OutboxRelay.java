package dev.shipgate.support.messaging;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Publishes the events waiting in the {@code outbox} array of the documents of some collections, in array order,
 * then removes the ones it published. A crash between publishing and removing publishes them again: consumers are
 * idempotent by event id.
 * <p>
 * After a write, {@link #relay} with the outbox the write returned, or {@link #wakeUp} (a read by id), sends that
 * document's events at once: the normal path.
 * Sweeping every collection for leftovers is a full scan where the database has no index on the outbox (the
 * embedded default), so it runs only when leftovers are likely: at start (a crash before this start), every
 * {@code retryMillis} after something failed (broker or database away) until a sweep goes through, and otherwise
 * every {@code sweepMillis} (another instance's crash, a write whose answer was lost).
 * <p>
 * What the relay thread sent is removed from the outboxes every {@value #REMOVE_MILLIS} ms, all documents of a
 * collection in one bulk command rather than one update each (a crash before that sends them again, as above).
 */
public class OutboxRelay implements AutoCloseable {

    public static final String OUTBOX_FIELD = "outbox";
    static final long REMOVE_MILLIS = 200;
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final List<String> collections;
    private final long sweepNanos;
    // Woken documents and sweeps have a thread each, so that a long sweep does not hold up the next write's events.
    // Both may publish the same event (rarely: a sweep skips the documents queued on the relay thread and the events
    // sent lately); consumers skip the second copy, and the first copies keep their order.
    private final ScheduledExecutorService relay = Executors.newSingleThreadScheduledExecutor(daemon("outbox-relay"));
    // relay thread only: per collection, per document, the ids of the events sent and not yet removed
    private final Map<String, Map<Object, List<String>>> toRemove = new LinkedHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(daemon("outbox-sweep"));
    private final Set<String> wokenUp = ConcurrentHashMap.newKeySet(); // documents queued on the relay thread
    // Ids of the events sent lately: a write's outbox may still hold events an earlier write's relay sent but had not
    // removed yet; they are not sent twice.
    private final Set<String> recentlySent = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));
    private volatile boolean leftoversLikely = true;
    private long lastSweep = System.nanoTime(); // sweeper thread only

    public OutboxRelay(MongoTemplate mongo, EventPublisher publisher, List<String> collections, long retryMillis,
                       long sweepMillis) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.collections = List.copyOf(collections);
        this.sweepNanos = TimeUnit.MILLISECONDS.toNanos(sweepMillis);
        sweeper.scheduleWithFixedDelay(this::sweepWhenDue, retryMillis, retryMillis, TimeUnit.MILLISECONDS);
        relay.scheduleWithFixedDelay(this::removeSent, REMOVE_MILLIS, REMOVE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Asks the relay to publish the outbox of this document now (read by id) rather than at its next sweep. */
    public void wakeUp(String collection, Object id) {
        queue(collection, id, () -> {
            Query byId = Query.query(Criteria.where("_id").is(id));
            byId.fields().include("_id").include(OUTBOX_FIELD);
            Document document = mongo.findOne(byId, Document.class, collection);
            return document == null ? List.of() : document.getList(OUTBOX_FIELD, Document.class, List.of());
        });
    }

    /** As {@link #wakeUp}, for a writer whose write returned the document's outbox as it left it: nothing to read. */
    public void relay(String collection, Object id, List<Document> outboxAfterWrite) {
        queue(collection, id, () -> outboxAfterWrite);
    }

    private void queue(String collection, Object id, Supplier<List<Document>> outbox) {
        requireSwept(collection);
        String key = queueKey(collection, id);
        wokenUp.add(key);
        relay.execute(() -> {
            try {
                List<String> sent = publish(outbox.get());
                if (!sent.isEmpty()) {
                    toRemove.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                            .merge(id, sent, (before, now) -> union(before, now));
                }
            } catch (RuntimeException e) {
                leftoversLikely = true;
                log.warn("outbox relay paused: {}", e.getMessage());
            } finally {
                wokenUp.remove(key);
            }
        });
    }

    /**
     * The collections to sweep ({@code shipgate.outbox.collections}) are the one list of where outboxes live: a
     * writer whose collection is missing from it is refused at its first write (every service test that writes
     * there fails), since after a crash its events would never be sent. An empty list (a relay built by a unit
     * test, which never sweeps) checks nothing.
     *
     * @throws IllegalStateException when {@code collection} is not swept
     */
    private void requireSwept(String collection) {
        if (!collections.isEmpty() && !collections.contains(collection)) {
            throw new IllegalStateException("events were queued in the outbox of collection '" + collection
                    + "', which shipgate.outbox.collections " + collections + " does not list: add it there");
        }
    }

    /** Publishes everything pending in every collection; returns how many events went out. */
    public int relayPending() {
        int published = 0;
        for (String collection : collections) {
            Query pending = Query.query(Criteria.where(OUTBOX_FIELD + ".0").exists(true)).limit(500);
            pending.fields().include("_id").include(OUTBOX_FIELD);
            for (Document document : mongo.find(pending, Document.class, collection)) {
                if (!wokenUp.contains(queueKey(collection, document.get("_id")))) { // else the relay thread has it
                    published += relayEntries(collection, document.get("_id"),
                            document.getList(OUTBOX_FIELD, Document.class, List.of()));
                }
            }
        }
        return published;
    }

    /**
     * Sends the events of a document's outbox that this relay has not sent yet, waits for the broker to take them
     * all, then removes every one of them in one update (those sent before too: their removal may have failed).
     */
    private int relayEntries(String collection, Object id, List<Document> outbox) {
        long unsent = outbox.stream().map(OutboxEvent::fromDocument)
                .filter(event -> !recentlySent.contains(event.id())).count();
        List<String> ids = publish(outbox);
        if (!ids.isEmpty()) {
            mongo.updateFirst(byId(id), removal(ids), collection);
        }
        return (int) unsent;
    }

    /**
     * Sends the entries not sent lately and waits for the broker to take them all; answers the ids of every entry
     * (those sent before too: their removal may have failed), which may now be removed.
     */
    private List<String> publish(List<Document> outbox) {
        List<OutboxEvent> events = outbox.stream().map(OutboxEvent::fromDocument).toList();
        List<OutboxEvent> unsent = events.stream().filter(event -> !recentlySent.contains(event.id())).toList();
        if (!unsent.isEmpty()) {
            publisher.publishAll(unsent.stream().map(OutboxEvent::toEnvelope).toList());
            unsent.forEach(event -> recentlySent.add(event.id()));
        }
        return events.stream().map(OutboxEvent::id).toList();
    }

    /** Relay thread: one bulk command per collection removes what the relay thread sent since the last call. */
    private void removeSent() {
        try {
            toRemove.forEach((collection, documents) -> {
                BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
                documents.forEach((id, ids) -> bulk.updateOne(byId(id), removal(ids)));
                bulk.execute();
            });
            toRemove.clear();
        } catch (RuntimeException e) {
            // the database is away: the entries stay in place, are not sent again by this relay (sent lately), and
            // are removed at the next call or by a sweep
            log.warn("outbox entries not removed yet: {}", e.getMessage());
        }
    }

    private static Query byId(Object id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    private static Update removal(List<String> eventIds) {
        return new Update().pull(OUTBOX_FIELD, Query.query(Criteria.where("id").in(eventIds)));
    }

    private static List<String> union(List<String> before, List<String> now) {
        List<String> all = new ArrayList<>(before);
        now.stream().filter(id -> !before.contains(id)).forEach(all::add);
        return all;
    }

    private void sweepWhenDue() {
        if (!leftoversLikely && System.nanoTime() - lastSweep < sweepNanos) {
            return;
        }
        leftoversLikely = false; // cleared before the read, so that a failure during the sweep still counts
        try {
            relayPending();
        } catch (RuntimeException e) {
            // broker or database away: the events stay in the outbox and the next retry tries again
            leftoversLikely = true;
            log.warn("outbox relay paused: {}", e.getMessage());
        } finally {
            lastSweep = System.nanoTime();
        }
    }

    private static String queueKey(String collection, Object id) {
        return collection + "/" + id;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        try {
            relay.submit(this::removeSent).get(5, TimeUnit.SECONDS); // what was sent need not be sent again
        } catch (Exception e) {
            log.debug("outbox entries left for the next start: {}", e.toString());
        }
        relay.shutdownNow();
        sweeper.shutdownNow();
    }
}
