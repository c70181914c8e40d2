package dev.shipgate.notification.subscription.adapter;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Optional;

class MongoPipelineScopes implements PipelineScopes {

    static final String COLLECTION = "pipeline_scopes";

    private final MongoTemplate mongo;

    MongoPipelineScopes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void apply(PipelineConfigured pipeline) {
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
        return Optional.ofNullable(mongo.findById(pipelineId, Document.class, COLLECTION)).map(d -> new Scope(
                d.getString("project"), d.getString("application"), d.getString("environment")));
    }
}
