package dev.shipgate.notification.delivery.adapter;

import dev.shipgate.notification.delivery.application.Deliveries;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

class MongoDeliveries implements Deliveries {

    public static final String COLLECTION = "deliveries";

    private static final String CLAIM_INDEX = "_id_status_attempts_nextAttemptAt";
    private static final String FORMER_INDEX = "_id_status_attempts";

    private final MongoTemplate mongo;

    MongoDeliveries(MongoTemplate mongo) {
        this.mongo = mongo;
        // on exactly the fields of claim's and update's filter: the embedded database uses an index only for such a
        // query, and would otherwise scan every delivery ever made at each send (MongoDB would use the _id index)
        mongo.indexOps(COLLECTION).createIndex(new Index("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("attempts", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC).unique()
                .named(CLAIM_INDEX));
        boolean formerIndex = mongo.indexOps(COLLECTION).getIndexInfo().stream()
                .anyMatch(index -> FORMER_INDEX.equals(index.getName()));
        if (formerIndex) { // on three of those fields: no query uses it any more, and each write kept it up to date
            try {
                mongo.indexOps(COLLECTION).dropIndex(FORMER_INDEX);
            } catch (RuntimeException droppedByAnotherInstance) {
                // two instances starting at once: one of them drops it
            }
        }
    }


    @Override
    public boolean add(Delivery delivery) {
        try {
            mongo.insert(delivery, COLLECTION);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    /** Sets only the next attempt: the claim is the one field that changes. */
    @Override
    public boolean claim(Delivery due, Delivery claimed) {
        return mongo.updateFirst(unchanged(due), Update.update("nextAttemptAt", claimed.nextAttemptAt()), COLLECTION)
                .getModifiedCount() == 1;
    }

    @Override
    public boolean update(Delivery next, Delivery claimed) {
        Document document = new Document();
        mongo.getConverter().write(next, document);
        document.remove("_id");
        document.remove("_class");
        return mongo.updateFirst(unchanged(claimed), Update.fromDocument(new Document("$set", document)), COLLECTION)
                .getModifiedCount() == 1;
    }

    /** The delivery as {@code expected}: of two writers expecting the same state, one matches (atomic per document). */
    private static Query unchanged(Delivery expected) {
        return Query.query(Criteria.where("_id").is(expected.id()).and("status").is(DeliveryStatus.PENDING.name())
                .and("attempts").is(expected.attempts()).and("nextAttemptAt").is(expected.nextAttemptAt()));
    }

    @Override
    public List<Delivery> due(Instant now, int limit) {
        Query query = Query.query(Criteria.where("status").is(DeliveryStatus.PENDING.name())
                .and("nextAttemptAt").lte(now)).with(Sort.by("nextAttemptAt")).limit(limit);
        return mongo.find(query, Delivery.class, COLLECTION);
    }

    @Override
    public List<Delivery> findAll(Collection<String> ids) {
        Query query = Query.query(Criteria.where("_id").in(ids)).with(Sort.by("nextAttemptAt"));
        return mongo.find(query, Delivery.class, COLLECTION);
    }

    @Override
    public List<Delivery> search(String recipient, DeliveryStatus status, String eventId, int page, int size) {
        Criteria criteria = new Criteria();
        if (recipient != null) {
            criteria.and("recipient").is(recipient);
        }
        if (status != null) {
            criteria.and("status").is(status.name());
        }
        if (eventId != null) {
            criteria.and("eventId").is(eventId);
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .skip((long) page * size).limit(size);
        return mongo.find(query, Delivery.class, COLLECTION);
    }
}
