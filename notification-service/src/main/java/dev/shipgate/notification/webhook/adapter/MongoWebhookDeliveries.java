package dev.shipgate.notification.webhook.adapter;

import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.notification.webhook.application.WebhookDeliveries;
import dev.shipgate.notification.webhook.domain.WebhookDelivery;
import dev.shipgate.support.attempt.RetriedSends;
import dev.shipgate.support.paging.NewestFirst;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook delivery log. A claim and an outcome are conditional single-document updates keyed on the state as
 * read ({@link RetriedSends}): of two instances, one matches.
 */
class MongoWebhookDeliveries implements WebhookDeliveries {

    static final String COLLECTION = "webhook_deliveries";
    private static final NewestFirst NEWEST_FIRST = new NewestFirst("createdAt");

    private final MongoTemplate mongo;
    private final RetriedSends<WebhookDelivery> sends;

    MongoWebhookDeliveries(MongoTemplate mongo) {
        this.mongo = mongo;
        this.sends = new RetriedSends<>(mongo, COLLECTION, WebhookDelivery.class,
                WebhookDelivery.Status.PENDING.name(), d -> new RetriedSends.State(d.id(), d.attempts(),
                d.nextAttemptAt()));
        mongo.indexOps(COLLECTION).createIndex(new Index("status", Sort.Direction.ASC)
                .on("nextAttemptAt", Sort.Direction.ASC).named("status_nextAttemptAt"));
        mongo.indexOps(COLLECTION).createIndex(NEWEST_FIRST.index("subscriptionId").named("subscription_newest"));
    }

    @Override
    public boolean add(WebhookDelivery delivery) {
        return sends.add(delivery);
    }

    @Override
    public boolean claim(WebhookDelivery due, WebhookDelivery claimed) {
        return sends.claim(due, claimed);
    }

    @Override
    public boolean update(WebhookDelivery outcome, WebhookDelivery claimed) {
        return sends.update(outcome, claimed);
    }

    @Override
    public List<WebhookDelivery> due(Instant now, int limit) {
        return sends.due(now, limit);
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
