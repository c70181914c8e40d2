package dev.shipgate.support.messaging;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which events a consumer has already applied, by event id, so that an event delivered twice changes nothing.
 * Handlers are written to be idempotent too (upserts by natural id, conditional updates), which covers a crash
 * between applying an event and recording it here.
 * <p>
 * Records are written {@value #WRITE_MILLIS} ms at most after the event was applied, all of that time's in one insert
 * (one database command per pass instead of one per event); until then this instance answers from memory. A crash
 * in between loses at most that time's records: the events are then applied again on redelivery, which the
 * handlers' idempotence covers as above.
 */
public class ProcessedEvents implements AutoCloseable {

    static final String COLLECTION = "processed_events";
    static final long WRITE_MILLIS = 200;
    private static final int DUPLICATE_KEY = 11000;
    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);

    private final MongoTemplate mongo;
    private final Map<String, Instant> unwritten = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "processed-events");
        thread.setDaemon(true);
        return thread;
    });

    public ProcessedEvents(MongoTemplate mongo) {
        this.mongo = mongo;
        writer.scheduleWithFixedDelay(this::write, WRITE_MILLIS, WRITE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A find by {@code _id}, not {@code exists}: that one counts through an aggregation, which the embedded database
     * answers by scanning the whole collection (it grows by one document per event).
     */
    public boolean isProcessed(String consumer, String eventId) {
        String key = key(consumer, eventId);
        return unwritten.containsKey(key) || mongo.getCollection(COLLECTION).find(Filters.eq("_id", key))
                .projection(Projections.include("_id")).first() != null;
    }

    public void markProcessed(String consumer, String eventId) {
        unwritten.put(key(consumer, eventId), Instant.now());
    }

    /** Writes the records kept in memory; those already there (a concurrent redelivery marked it first) are fine. */
    void write() {
        if (unwritten.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(unwritten.keySet());
        List<Document> records = keys.stream()
                .map(key -> new Document("_id", key).append("at", Date.from(unwritten.get(key)))).toList();
        try {
            mongo.getCollection(COLLECTION).insertMany(records, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
                log.warn("processed events not recorded yet: {}", e.getMessage());
                return; // kept in memory, written at the next pass
            }
        } catch (RuntimeException e) {
            log.warn("processed events not recorded yet: {}", e.getMessage());
            return;
        }
        keys.forEach(unwritten::remove);
    }

    /** Writes what is still in memory, so that a service stopped in order applies nothing again at its next start. */
    @Override
    public void close() {
        try {
            writer.submit(this::write).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("processed events not recorded at shutdown: {}", e.toString());
        }
        writer.shutdownNow();
    }

    private static String key(String consumer, String eventId) {
        return consumer + ":" + eventId;
    }
}
