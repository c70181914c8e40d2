package dev.shipgate.approval.pipeline.adapter;

import dev.shipgate.approval.shared.CollectionNames;
import dev.shipgate.approval.pipeline.application.PipelineReplica;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.contracts.events.PipelineReminders;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

class MongoPipelineReplica implements PipelineReplica {

    static final String COLLECTION = CollectionNames.PIPELINES;
    private static final String ALL = "all";

    private final MongoTemplate mongo;
    private final ShortLivedCache<String, ReplicatedPipeline> recent;
    private final ShortLivedCache<String, Map<String, PipelineReminders>> plans;

    /**
     * @param recent pipelines are read on every request: see {@link ShortLivedCache} for how fresh they are
     * @param plans  the pipelines' own reminder plans, read on every pending list: kept as long
     */
    public MongoPipelineReplica(MongoTemplate mongo, ShortLivedCache<String, ReplicatedPipeline> recent,
                                ShortLivedCache<String, Map<String, PipelineReminders>> plans) {
        this.mongo = mongo;
        this.recent = recent;
        this.plans = plans;
    }

    @Override
    public void save(ReplicatedPipeline pipeline) {
        mongo.save(pipeline, COLLECTION);
        recent.forget(pipeline.id());
        plans.forget(ALL);
    }

    @Override
    public Map<String, PipelineReminders> ownReminders() {
        return plans.get(ALL, key -> mongo.find(Query.query(Criteria.where("reminders").ne(null).and("deleted")
                        .is(false)), ReplicatedPipeline.class, COLLECTION).stream()
                .collect(Collectors.toUnmodifiableMap(ReplicatedPipeline::id, ReplicatedPipeline::reminders)));
    }

    @Override
    public Optional<ReplicatedPipeline> find(String pipelineId) {
        return Optional.ofNullable(recent.get(pipelineId,
                        id -> mongo.findById(id, ReplicatedPipeline.class, COLLECTION)))
                .filter(pipeline -> !pipeline.deleted());
    }
}
