package dev.shipgate.notification.subscription.adapter;

import dev.shipgate.notification.subscription.application.Subscriptions;
import dev.shipgate.notification.subscription.domain.Subscription;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.List;

class MongoSubscriptions implements Subscriptions {

    static final String COLLECTION = "subscriptions";

    private final MongoTemplate mongo;

    MongoSubscriptions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record Stored(String id, Subscription subscription) {
    }

    @Override
    public void save(Subscription subscription) {
        mongo.save(new Stored(subscription.pipelineId() + ":" + subscription.userId(), subscription), COLLECTION);
    }

    @Override
    public void remove(String pipelineId, String userId) {
        mongo.remove(Query.query(Criteria.where("_id").is(pipelineId + ":" + userId)), COLLECTION);
    }

    @Override
    public List<Subscription> forPipeline(String pipelineId) {
        return mongo.find(Query.query(Criteria.where("subscription.pipelineId").is(pipelineId)), Stored.class,
                COLLECTION).stream().map(Stored::subscription).toList();
    }
}
