package dev.shipgate.support.messaging;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the events waiting in the {@code outbox} array of the documents of some collections, in array order,
 * then removes each one it published. A crash between publishing and removing publishes the event again: consumers
 * are idempotent by event id. {@link #wakeUp(String, Object)} after a write relays that document at once (a read by
 * id); polling every collection catches the rest (entries left by a crash or a broker away).
 */
public class OutboxRelay implements AutoCloseable {

    public static final String OUTBOX_FIELD = "outbox";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final List<String> collections;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    public OutboxRelay(MongoTemplate mongo, EventPublisher publisher, List<String> collections, long pollMillis) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.collections = List.copyOf(collections);
        executor.scheduleWithFixedDelay(this::relaySafely, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Asks the relay to publish the outbox of this document now rather than at its next poll. */
    public void wakeUp(String collection, Object id) {
        executor.execute(() -> {
            try {
                Query byId = Query.query(Criteria.where("_id").is(id));
                byId.fields().include("_id").include(OUTBOX_FIELD);
                Document document = mongo.findOne(byId, Document.class, collection);
                if (document != null && document.get(OUTBOX_FIELD) != null) {
                    relayDocument(collection, document);
                }
            } catch (RuntimeException e) {
                log.warn("outbox relay paused: {}", e.getMessage());
            }
        });
    }

    /** Publishes everything pending; returns how many events went out. */
    public int relayPending() {
        int published = 0;
        for (String collection : collections) {
            Query pending = Query.query(Criteria.where(OUTBOX_FIELD + ".0").exists(true)).limit(500);
            pending.fields().include("_id").include(OUTBOX_FIELD);
            for (Document document : mongo.find(pending, Document.class, collection)) {
                published += relayDocument(collection, document);
            }
        }
        return published;
    }

    private int relayDocument(String collection, Document document) {
        int published = 0;
        List<Document> outbox = document.getList(OUTBOX_FIELD, Document.class);
        for (Document stored : outbox) {
            OutboxEvent event = OutboxEvent.fromDocument(stored);
            publisher.publish(event.toEnvelope());
            mongo.updateFirst(Query.query(Criteria.where("_id").is(document.get("_id"))),
                    new Update().pull(OUTBOX_FIELD, Query.query(Criteria.where("id").is(event.id()))), collection);
            published++;
        }
        return published;
    }

    private void relaySafely() {
        try {
            relayPending();
        } catch (RuntimeException e) {
            // broker or database away: the events stay in the outbox and the next poll tries again
            log.warn("outbox relay paused: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
