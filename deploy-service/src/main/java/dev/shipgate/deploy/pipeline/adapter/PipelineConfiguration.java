package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.config.CacheSettings;
import dev.shipgate.support.config.SeedFileSettings;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.IOException;
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
    Seeding seeding(Pipelines pipelines, SeedFileSettings seed) {
        return new Seeding(new PipelineSeeder(pipelines), seed.seedFile());
    }

    /** Seeds once the service is ready; {@code seedFile} null for none. */
    record Seeding(PipelineSeeder seeder, Resource seedFile) {
        @EventListener(ApplicationReadyEvent.class)
        public void seed() throws IOException {
            seeder.seed(seedFile);
        }
    }
}
