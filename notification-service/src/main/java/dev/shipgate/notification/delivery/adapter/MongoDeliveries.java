package dev.shipgate.notification.delivery.adapter;

import dev.shipgate.notification.delivery.application.Deliveries;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;
import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.support.attempt.RetriedSends;
import dev.shipgate.support.paging.NewestFirst;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

class MongoDeliveries implements Deliveries {

    public static final String COLLECTION = "deliveries";

    private static final String FORMER_INDEX = "_id_status_attempts";
    private static final NewestFirst NEWEST_FIRST = new NewestFirst("createdAt");

    private final MongoTemplate mongo;
    /** Claims and outcomes: single-document updates expecting the state as read, so of two writers one matches. */
    private final RetriedSends<Delivery> sends;

    MongoDeliveries(MongoTemplate mongo) {
        this.mongo = mongo;
        this.sends = new RetriedSends<>(mongo, COLLECTION, Delivery.class, DeliveryStatus.PENDING.name(),
                d -> new RetriedSends.State(d.id(), d.attempts(), d.nextAttemptAt()));
        // a person's own log (everyone but super admins reads only theirs), newest first
        mongo.indexOps(COLLECTION).createIndex(NEWEST_FIRST.index("recipient").named("recipient_newest"));
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
        return sends.add(delivery);
    }

    @Override
    public boolean claim(Delivery due, Delivery claimed) {
        return sends.claim(due, claimed);
    }

    @Override
    public boolean update(Delivery next, Delivery claimed) {
        return sends.update(next, claimed);
    }

    @Override
    public boolean release(Delivery released) {
        Query held = Query.query(Criteria.where("_id").is(released.id()).and("status").is(DeliveryStatus.HELD.name()));
        Update pending = new Update().set("status", released.status().name())
                .set("nextAttemptAt", released.nextAttemptAt());
        return mongo.updateFirst(held, pending, COLLECTION).getModifiedCount() == 1;
    }

    @Override
    public List<Delivery> due(Instant now, int limit) {
        return sends.due(now, limit);
    }

    @Override
    public List<Delivery> findAll(Collection<String> ids) {
        Query query = Query.query(Criteria.where("_id").in(ids)).with(Sort.by("nextAttemptAt"));
        return mongo.find(query, Delivery.class, COLLECTION);
    }

    @Override
    public ListPage<Delivery> search(String recipient, DeliveryStatus status, String eventId, PageAt at) {
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
        return NEWEST_FIRST.read(mongo, criteria, at, Delivery.class, COLLECTION,
                d -> new Cursor(d.createdAt(), d.id()));
    }
}
