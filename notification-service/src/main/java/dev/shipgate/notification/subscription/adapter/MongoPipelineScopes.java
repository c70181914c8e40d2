package dev.shipgate.notification.subscription.adapter;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.support.cache.ShortLivedCache;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Optional;

/**
 * The scope of each pipeline, from its {@code PipelineConfigured} events. Read for every event, so kept for the cache
 * lifetime; an event applied here is seen at once.
 */
class MongoPipelineScopes implements PipelineScopes {

    static final String COLLECTION = "pipeline_scopes";

    private final MongoTemplate mongo;
    private final ShortLivedCache<String, Scope> cached;

    MongoPipelineScopes(MongoTemplate mongo, ShortLivedCache<String, Scope> cached) {
        this.mongo = mongo;
        this.cached = cached;
    }

    @Override
    public void apply(PipelineConfigured pipeline) {
        cached.forget(pipeline.pipelineId());
        if (pipeline.deleted()) {
            mongo.remove(Query.query(Criteria.where("_id").is(pipeline.pipelineId())), COLLECTION);
            return;
        }
        mongo.save(new Document("_id", pipeline.pipelineId()).append("project", pipeline.project())
                .append("application", pipeline.application()).append("environment", pipeline.environment()),
                COLLECTION);
    }

    @Override
    public Optional<Scope> scopeOf(String pipelineId) {
        return Optional.ofNullable(cached.get(pipelineId, id -> Optional.ofNullable(
                mongo.findById(id, Document.class, COLLECTION)).map(d -> new Scope(d.getString("project"),
                d.getString("application"), d.getString("environment"))).orElse(null)));
    }
}
