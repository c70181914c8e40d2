package dev.shipgate.support.messaging;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;

/**
 * Which events a consumer has already applied, by event id, so that an event delivered twice changes nothing.
 * Handlers are written to be idempotent too (upserts by natural id, conditional updates), which covers a crash
 * between applying an event and recording it here.
 */
public class ProcessedEvents {

    static final String COLLECTION = "processed_events";

    private final MongoTemplate mongo;

    public ProcessedEvents(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * A find by {@code _id}, not {@code exists}: that one counts through an aggregation, which the embedded database
     * answers by scanning the whole collection (it grows by one document per event).
     */
    public boolean isProcessed(String consumer, String eventId) {
        return mongo.getCollection(COLLECTION).find(Filters.eq("_id", key(consumer, eventId)))
                .projection(Projections.include("_id")).first() != null;
    }

    public void markProcessed(String consumer, String eventId) {
        try {
            mongo.insert(new Document("_id", key(consumer, eventId)).append("at", Instant.now()), COLLECTION);
        } catch (DuplicateKeyException alreadyMarked) {
            // a concurrent redelivery marked it first: same outcome
        }
    }

    private static String key(String consumer, String eventId) {
        return consumer + ":" + eventId;
    }
}
