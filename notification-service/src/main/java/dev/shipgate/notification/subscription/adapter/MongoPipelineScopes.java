package dev.shipgate.notification.subscription.adapter;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.support.cache.ShortLivedCache;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.util.Optional;

/**
 * The scope of each pipeline, from its {@code PipelineConfigured} events. Read for every event, so kept for the cache
 * lifetime; an event applied here is seen at once. Its own reminder plan is kept beside it ({@code reminders}, the
 * durations as ISO-8601 text), read once per approval request.
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
                .append("application", pipeline.application()).append("environment", pipeline.environment())
                .append("reminders", toDocument(pipeline.reminders())), COLLECTION);
    }

    @Override
    public Optional<PipelineReminders> remindersOf(String pipelineId) {
        return Optional.ofNullable(mongo.findById(pipelineId, Document.class, COLLECTION))
                .map(stored -> stored.get("reminders", Document.class))
                .map(plan -> new PipelineReminders(duration(plan, "remindAfter"), duration(plan, "remindEvery"),
                        plan.getInteger("maxReminders"), duration(plan, "escalateAfter"),
                        plan.getString("fallbackGroup")));
    }

    private static Document toDocument(PipelineReminders plan) {
        if (plan == null) {
            return null;
        }
        return new Document("remindAfter", text(plan.remindAfter())).append("remindEvery", text(plan.remindEvery()))
                .append("maxReminders", plan.maxReminders()).append("escalateAfter", text(plan.escalateAfter()))
                .append("fallbackGroup", plan.fallbackGroup());
    }

    private static String text(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    private static Duration duration(Document plan, String field) {
        String text = plan.getString(field);
        return text == null ? null : Duration.parse(text);
    }

    @Override
    public Optional<Scope> scopeOf(String pipelineId) {
        return Optional.ofNullable(cached.get(pipelineId, id -> Optional.ofNullable(
                mongo.findById(id, Document.class, COLLECTION)).map(d -> new Scope(d.getString("project"),
                d.getString("application"), d.getString("environment"))).orElse(null)));
    }
}
