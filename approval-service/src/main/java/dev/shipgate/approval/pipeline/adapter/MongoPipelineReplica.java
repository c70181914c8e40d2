package dev.shipgate.approval.pipeline.adapter;

import dev.shipgate.approval.shared.CollectionNames;
import dev.shipgate.approval.pipeline.application.PipelineReplica;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.support.cache.ShortLivedCache;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Optional;

class MongoPipelineReplica implements PipelineReplica {

    static final String COLLECTION = CollectionNames.PIPELINES;

    private final MongoTemplate mongo;
    private final ShortLivedCache<String, ReplicatedPipeline> recent;

    /** @param recent pipelines are read on every request: see {@link ShortLivedCache} for how fresh they are */
    public MongoPipelineReplica(MongoTemplate mongo, ShortLivedCache<String, ReplicatedPipeline> recent) {
        this.mongo = mongo;
        this.recent = recent;
    }

    @Override
    public void save(ReplicatedPipeline pipeline) {
        mongo.save(pipeline, COLLECTION);
        recent.forget(pipeline.id());
    }

    @Override
    public Optional<ReplicatedPipeline> find(String pipelineId) {
        return Optional.ofNullable(recent.get(pipelineId,
                        id -> mongo.findById(id, ReplicatedPipeline.class, COLLECTION)))
                .filter(pipeline -> !pipeline.deleted());
    }
}
