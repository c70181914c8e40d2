package dev.shipgate.notification.webhook.adapter;

import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.notification.webhook.application.WebhookDeliveries;
import dev.shipgate.notification.webhook.domain.WebhookDelivery;
import dev.shipgate.support.paging.NewestFirst;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook delivery log. A claim and an outcome are conditional single-document updates keyed on the state as
 * read (PENDING, attempts, next attempt time): of two instances, one matches.
 */
class MongoWebhookDeliveries implements WebhookDeliveries {

    static final String COLLECTION = "webhook_deliveries";
    private static final NewestFirst NEWEST_FIRST = new NewestFirst("createdAt");

    private final MongoTemplate mongo;

    MongoWebhookDeliveries(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index("status", Sort.Direction.ASC)
                .on("nextAttemptAt", Sort.Direction.ASC).named("status_nextAttemptAt"));
        mongo.indexOps(COLLECTION).createIndex(NEWEST_FIRST.index("subscriptionId").named("subscription_newest"));
    }

    @Override
    public boolean add(WebhookDelivery delivery) {
        try {
            mongo.insert(delivery, COLLECTION);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    @Override
    public boolean claim(WebhookDelivery due, WebhookDelivery claimed) {
        return mongo.updateFirst(unchanged(due), Update.update("nextAttemptAt", claimed.nextAttemptAt()), COLLECTION)
                .getModifiedCount() == 1;
    }

    @Override
    public boolean update(WebhookDelivery outcome, WebhookDelivery claimed) {
        Document document = new Document();
        mongo.getConverter().write(outcome, document);
        document.remove("_id");
        document.remove("_class");
        return mongo.updateFirst(unchanged(claimed), Update.fromDocument(new Document("$set", document)), COLLECTION)
                .getModifiedCount() == 1;
    }

    private static Query unchanged(WebhookDelivery expected) {
        return Query.query(Criteria.where("_id").is(expected.id())
                .and("status").is(WebhookDelivery.Status.PENDING.name())
                .and("attempts").is(expected.attempts()).and("nextAttemptAt").is(expected.nextAttemptAt()));
    }

    @Override
    public List<WebhookDelivery> due(Instant now, int limit) {
        return mongo.find(Query.query(Criteria.where("status").is(WebhookDelivery.Status.PENDING.name())
                .and("nextAttemptAt").lte(now)).with(Sort.by("nextAttemptAt")).limit(limit), WebhookDelivery.class,
                COLLECTION);
    }

    @Override
    public Optional<WebhookDelivery> find(String id) {
        return Optional.ofNullable(mongo.findById(id, WebhookDelivery.class, COLLECTION));
    }

    @Override
    public ListPage<WebhookDelivery> of(String subscriptionId, PageAt at) {
        return NEWEST_FIRST.read(mongo, Criteria.where("subscriptionId").is(subscriptionId), at, WebhookDelivery.class,
                COLLECTION, d -> new Cursor(d.createdAt(), d.id()));
    }
}
