package dev.shipgate.support.messaging;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the events waiting in the {@code outbox} array of the documents of some collections, in array order,
 * then removes the ones it published. A crash between publishing and removing publishes them again: consumers are
 * idempotent by event id.
 * <p>
 * {@link #wakeUp(String, Object)} after a write relays that document at once (a read by id): the normal path.
 * Sweeping every collection for leftovers is a full scan where the database has no index on the outbox (the
 * embedded default), so it runs only when leftovers are likely: at start (a crash before this start), every
 * {@code retryMillis} after something failed (broker or database away) until a sweep goes through, and otherwise
 * every {@code sweepMillis} (another instance's crash, a write whose answer was lost).
 */
public class OutboxRelay implements AutoCloseable {

    public static final String OUTBOX_FIELD = "outbox";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final List<String> collections;
    private final long sweepNanos;
    // Woken documents and sweeps have a thread each, so that a long sweep does not hold up the next write's events.
    // Both may publish the same event (rarely: a sweep skips the documents queued on the relay thread); consumers
    // skip the second copy, and the first copies keep their order.
    private final ExecutorService relay = Executors.newSingleThreadExecutor(daemon("outbox-relay"));
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(daemon("outbox-sweep"));
    private final Set<String> wokenUp = ConcurrentHashMap.newKeySet(); // documents queued on the relay thread
    private volatile boolean leftoversLikely = true;
    private long lastSweep = System.nanoTime(); // sweeper thread only

    public OutboxRelay(MongoTemplate mongo, EventPublisher publisher, List<String> collections, long retryMillis,
                       long sweepMillis) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.collections = List.copyOf(collections);
        this.sweepNanos = TimeUnit.MILLISECONDS.toNanos(sweepMillis);
        sweeper.scheduleWithFixedDelay(this::sweepWhenDue, retryMillis, retryMillis, TimeUnit.MILLISECONDS);
    }

    /** Asks the relay to publish the outbox of this document now rather than at its next sweep. */
    public void wakeUp(String collection, Object id) {
        String key = queueKey(collection, id);
        wokenUp.add(key);
        relay.execute(() -> {
            try {
                Query byId = Query.query(Criteria.where("_id").is(id));
                byId.fields().include("_id").include(OUTBOX_FIELD);
                Document document = mongo.findOne(byId, Document.class, collection);
                if (document != null && document.get(OUTBOX_FIELD) != null) {
                    relayDocument(collection, document);
                }
            } catch (RuntimeException e) {
                leftoversLikely = true;
                log.warn("outbox relay paused: {}", e.getMessage());
            } finally {
                wokenUp.remove(key);
            }
        });
    }

    /** Publishes everything pending in every collection; returns how many events went out. */
    public int relayPending() {
        int published = 0;
        for (String collection : collections) {
            Query pending = Query.query(Criteria.where(OUTBOX_FIELD + ".0").exists(true)).limit(500);
            pending.fields().include("_id").include(OUTBOX_FIELD);
            for (Document document : mongo.find(pending, Document.class, collection)) {
                if (!wokenUp.contains(queueKey(collection, document.get("_id")))) { // else the relay thread has it
                    published += relayDocument(collection, document);
                }
            }
        }
        return published;
    }

    /** Sends the document's events, waits for the broker to take them all, then removes them in one update. */
    private int relayDocument(String collection, Document document) {
        List<OutboxEvent> events = document.getList(OUTBOX_FIELD, Document.class).stream()
                .map(OutboxEvent::fromDocument)
                .toList();
        if (events.isEmpty()) {
            return 0;
        }
        publisher.publishAll(events.stream().map(OutboxEvent::toEnvelope).toList());
        List<String> ids = events.stream().map(OutboxEvent::id).toList();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(document.get("_id"))),
                new Update().pull(OUTBOX_FIELD, Query.query(Criteria.where("id").in(ids))), collection);
        return events.size();
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
        relay.shutdownNow();
        sweeper.shutdownNow();
    }
}
