package dev.shipgate.notification.webhook.adapter;

import dev.shipgate.notification.webhook.application.WebhookSubscriptions;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import dev.shipgate.notification.webhook.domain.WebhookSubscription.Status;
import dev.shipgate.support.cache.ShortLivedCache;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Optional;

/**
 * One document per subscription; failure counting and pausing are single-document updates, so atomic. The ACTIVE ones
 * are matched against every event, so they are kept for the cache lifetime: a change through this instance is seen at
 * once, one through another instance within that lifetime. The signing secret is stored sealed ({@link SealedSecrets})
 * and opened as it is read.
 */
class MongoWebhookSubscriptions implements WebhookSubscriptions {

    static final String COLLECTION = "webhook_subscriptions";

    private static final String ACTIVE = "active";

    private final MongoTemplate mongo;
    private final ShortLivedCache<String, List<WebhookSubscription>> cached;
    private final SealedSecrets secrets;

    MongoWebhookSubscriptions(MongoTemplate mongo, ShortLivedCache<String, List<WebhookSubscription>> cached,
                              SealedSecrets secrets) {
        this.mongo = mongo;
        this.cached = cached;
        this.secrets = secrets;
    }

    @Override
    public void add(WebhookSubscription subscription) {
        mongo.insert(subscription.withSecret(secrets.seal(subscription.id(), subscription.secret())), COLLECTION);
        cached.forget(ACTIVE);
    }

    @Override
    public void put(WebhookSubscription subscription) {
        mongo.save(subscription.withSecret(secrets.seal(subscription.id(), subscription.secret())), COLLECTION);
        cached.forget(ACTIVE);
    }

    @Override
    public Optional<WebhookSubscription> find(String id) {
        return Optional.ofNullable(mongo.findById(id, WebhookSubscription.class, COLLECTION)).map(this::opened);
    }

    @Override
    public List<WebhookSubscription> owned(String owner) {
        Query query = owner == null ? new Query() : Query.query(Criteria.where("owner").is(owner));
        return opened(mongo.find(query.with(Sort.by(Sort.Direction.DESC, "createdAt")), WebhookSubscription.class,
                COLLECTION));
    }

    @Override
    public List<WebhookSubscription> active() {
        return cached.get(ACTIVE, active -> opened(mongo.find(Query.query(Criteria.where("status")
                .is(Status.ACTIVE.name())), WebhookSubscription.class, COLLECTION)));
    }

    /**
     * Seals every secret not sealed with the current key: ones stored in plain form before sealing existed, and ones
     * sealed with an older key of a rotation. Run at each start; instances doing it at once write equal values.
     *
     * @return how many documents were sealed again
     */
    int resealAll() {
        Query query = new Query();
        query.fields().include("secret");
        int resealed = 0;
        for (Document stored : mongo.find(query, Document.class, COLLECTION)) {
            String id = stored.getString("_id");
            String secret = stored.getString("secret");
            if (!secrets.sealedWithCurrentKey(secret)) {
                Query unchanged = Query.query(Criteria.where("_id").is(id).and("secret").is(secret));
                resealed += (int) mongo.updateFirst(unchanged, Update.update("secret",
                        secrets.seal(id, secrets.open(id, secret))), COLLECTION).getModifiedCount();
            }
        }
        cached.forget(ACTIVE);
        return resealed;
    }

    private WebhookSubscription opened(WebhookSubscription stored) {
        return stored.withSecret(secrets.open(stored.id(), stored.secret()));
    }

    private List<WebhookSubscription> opened(List<WebhookSubscription> stored) {
        return stored.stream().map(this::opened).toList();
    }

    @Override
    public boolean remove(String id) {
        boolean removed = mongo.remove(byId(id), COLLECTION).getDeletedCount() == 1;
        cached.forget(ACTIVE);
        return removed;
    }

    @Override
    public void succeeded(String id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("consecutiveFailures").gt(0)),
                Update.update("consecutiveFailures", 0), COLLECTION);
    }

    @Override
    public boolean failed(String id, int pauseAfter, String reason) {
        WebhookSubscription counted = mongo.findAndModify(byId(id), new Update().inc("consecutiveFailures", 1),
                FindAndModifyOptions.options().returnNew(true), WebhookSubscription.class, COLLECTION);
        if (counted == null || counted.consecutiveFailures() < pauseAfter) {
            return false;
        }
        // of the instances counting at once, the one whose update still finds it ACTIVE pauses it (and mails)
        Query stillActive = Query.query(Criteria.where("_id").is(id).and("status").is(Status.ACTIVE.name()));
        boolean paused = mongo.updateFirst(stillActive, Update.update("status", Status.PAUSED.name())
                .set("pauseReason", reason), COLLECTION).getModifiedCount() == 1;
        cached.forget(ACTIVE);
        return paused;
    }

    @Override
    public boolean resume(String id) {
        boolean resumed = mongo.updateFirst(byId(id), Update.update("status", Status.ACTIVE.name())
                .set("consecutiveFailures", 0).set("pauseReason", null), COLLECTION).getMatchedCount() == 1;
        cached.forget(ACTIVE);
        return resumed;
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
