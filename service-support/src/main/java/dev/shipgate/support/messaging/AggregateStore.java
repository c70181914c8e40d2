package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventPayload;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes aggregates that carry a {@code version}: each write is one document update holding the new state and the
 * events it causes (outbox), applied only if the stored version is the one the change was decided on. No
 * multi-document transaction is needed, and none is available on the embedded MongoDB-compatible server.
 */
public class AggregateStore {

    public static final String VERSION = "version";

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Set<String> versionIndexed = ConcurrentHashMap.newKeySet();

    public AggregateStore(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /** Inserts a new aggregate at version 0; a duplicate key surfaces as Spring's DuplicateKeyException. */
    public void insert(String collection, Object aggregate, List<? extends EventPayload> events,
                       Map<String, Object> extraFields) {
        Document document = toDocument(aggregate);
        document.putAll(extraFields);
        document.put(VERSION, 0L);
        List<Document> entries = outbox.entries(events);
        document.put(OutboxRelay.OUTBOX_FIELD, entries);
        mongo.insert(document, collection);
        if (!entries.isEmpty()) {
            outbox.flushSoon(collection, document.get("_id"), entries);
        }
    }

    /**
     * Stores {@code aggregate} over the document {@code id} if its version is still {@code expectedVersion}.
     *
     * @param extraFields fields outside the aggregate to set; a null value removes the field
     * @return false when another writer got there first: read again and decide again
     */
    public boolean update(String collection, Object id, Object aggregate, long expectedVersion,
                          List<? extends EventPayload> events, Map<String, Object> extraFields) {
        Update update = new Update();
        toDocument(aggregate).forEach((field, value) -> {
            if (!field.equals("_id") && !field.equals(VERSION)) {
                update.set(field, value);
            }
        });
        extraFields.forEach((field, value) -> {
            if (value == null) {
                update.unset(field);
            } else {
                update.set(field, value);
            }
        });
        update.set(VERSION, expectedVersion + 1);
        if (!events.isEmpty()) {
            update.push(OutboxRelay.OUTBOX_FIELD).each(outbox.entries(events).toArray());
        }
        indexVersions(collection);
        Query unchanged = Query.query(Criteria.where("_id").is(id).and(VERSION).is(expectedVersion));
        if (events.isEmpty()) {
            return mongo.updateFirst(unchanged, update, collection).getModifiedCount() == 1;
        }
        Document written = writeReturningOutbox(unchanged, update, FindAndModifyOptions.options(), collection);
        if (written == null) {
            return false;
        }
        outbox.flushSoon(collection, id, written.getList(OutboxRelay.OUTBOX_FIELD, Document.class, List.of()));
        return true;
    }

    /**
     * Creates or replaces a document that carries no version (the last write wins), queueing {@code events} in the
     * same write.
     */
    public void upsert(String collection, Object id, Object aggregate, List<? extends EventPayload> events) {
        Update update = new Update();
        toDocument(aggregate).forEach((field, value) -> {
            if (!field.equals("_id")) {
                update.set(field, value);
            }
        });
        if (!events.isEmpty()) {
            update.push(OutboxRelay.OUTBOX_FIELD).each(outbox.entries(events).toArray());
        }
        Query byId = Query.query(Criteria.where("_id").is(id));
        if (events.isEmpty()) {
            mongo.upsert(byId, update, collection);
            return;
        }
        Document written = writeReturningOutbox(byId, update, FindAndModifyOptions.options().upsert(true),
                collection);
        outbox.flushSoon(collection, id, written.getList(OutboxRelay.OUTBOX_FIELD, Document.class, List.of()));
    }

    /**
     * The write, answered with the document's outbox as the write left it (older leftovers first): the relay sends
     * it without reading the document again. Null when the filter matched nothing.
     */
    private Document writeReturningOutbox(Query filter, Update update, FindAndModifyOptions options,
                                          String collection) {
        filter.fields().include(OutboxRelay.OUTBOX_FIELD);
        return mongo.findAndModify(filter, update, options.returnNew(true), Document.class, collection);
    }

    /**
     * An index on exactly the fields of the versioned update's filter: the embedded database uses an index only for a
     * query on all of its fields and no other, and would otherwise scan the whole collection for every update.
     * MongoDB itself would use the {@code _id} index; this one costs it little.
     */
    private void indexVersions(String collection) {
        if (!versionIndexed.contains(collection)) {
            mongo.indexOps(collection).createIndex(new Index("_id", Sort.Direction.ASC)
                    .on(VERSION, Sort.Direction.ASC).unique().named("_id_version"));
            versionIndexed.add(collection);
        }
    }

    private Document toDocument(Object aggregate) {
        Document document = new Document();
        mongo.getConverter().write(aggregate, document);
        document.remove("_class");
        return document;
    }
}
