package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.config.CacheSettings;
import dev.shipgate.support.config.SeedFileSettings;
import dev.shipgate.support.config.SeedWhenReady;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** CD pipelines: their store, who may read and change them, and the seed created at start. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    MongoPipelines pipelines(MongoTemplate mongo, AggregateStore store, Clock clock, CacheSettings cache) {
        return new MongoPipelines(mongo, store, new ShortLivedCache<>(cache.timeToLive(), clock));
    }

    @Bean
    PipelineService pipelineService(Pipelines pipelines, AccessReplica access) {
        return new PipelineService(pipelines, access);
    }

    @Bean
    SeedWhenReady pipelineSeeding(Pipelines pipelines, SeedFileSettings seed) {
        return new SeedWhenReady(new PipelineSeeder(pipelines)::seed, seed.seedFile());
    }
}
