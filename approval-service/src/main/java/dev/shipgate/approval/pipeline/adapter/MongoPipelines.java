package dev.shipgate.approval.pipeline.adapter;

import dev.shipgate.approval.pipeline.application.Pipelines;
import dev.shipgate.approval.pipeline.domain.Pipeline;
import dev.shipgate.support.cache.ShortLivedCache;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Optional;

public class MongoPipelines implements Pipelines {

    public static final String COLLECTION = "pipelines";

    private final MongoTemplate mongo;
    private final ShortLivedCache<String, Pipeline> recent;

    /** @param recent pipelines are read on every request: see {@link ShortLivedCache} for how fresh they are */
    public MongoPipelines(MongoTemplate mongo, ShortLivedCache<String, Pipeline> recent) {
        this.mongo = mongo;
        this.recent = recent;
    }

    @Override
    public void save(Pipeline pipeline) {
        mongo.save(pipeline, COLLECTION);
        recent.forget(pipeline.id());
    }

    @Override
    public Optional<Pipeline> find(String pipelineId) {
        return Optional.ofNullable(recent.get(pipelineId, id -> mongo.findById(id, Pipeline.class, COLLECTION)))
                .filter(pipeline -> !pipeline.deleted());
    }
}
