package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pipelines; every write queues PipelineConfigured for the compacted pipelines topic. */
class MongoPipelines implements Pipelines {

    public static final String COLLECTION = "pipelines";

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final ShortLivedCache<String, Pipeline> recent;

    /** @param recent pipelines are read on every request: see {@link ShortLivedCache} for how fresh they are */
    public MongoPipelines(MongoTemplate mongo, AggregateStore store, ShortLivedCache<String, Pipeline> recent) {
        this.mongo = mongo;
        this.store = store;
        this.recent = recent;
    }

    @Override
    public void create(Pipeline pipeline) {
        store.insert(COLLECTION, pipeline, List.of(pipeline.toEvent()), Map.of());
    }

    @Override
    public boolean update(Pipeline pipeline) {
        boolean updated = store.update(COLLECTION, pipeline.id(), pipeline, pipeline.version(),
                List.of(pipeline.toEvent()), Map.of());
        recent.forget(pipeline.id());
        return updated;
    }

    @Override
    public Optional<Pipeline> find(String id) {
        return Optional.ofNullable(recent.get(id, key -> mongo.findById(key, Pipeline.class, COLLECTION)));
    }

    @Override
    public List<Pipeline> all() {
        return mongo.findAll(Pipeline.class, COLLECTION);
    }
}
