package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB pipeline store for tests of other features, as its port (the adapter stays package-private). */
public final class PipelineStores {

    private PipelineStores() {
    }

    public static Pipelines mongo(MongoTemplate mongo, AggregateStore store, ShortLivedCache<String, Pipeline> recent) {
        return new MongoPipelines(mongo, store, recent);
    }
}
