package dev.shipgate.deploy.window.adapter;

import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.window.application.WindowService;
import dev.shipgate.deploy.window.application.Windows;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.config.CacheSettings;
import dev.shipgate.support.config.SeedFileSettings;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.IOException;
import java.time.Clock;

/** Deployment windows: their store, who may change them, and the seed file's windows created at start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WindowSeedProperties.class)
class WindowConfiguration {

    @Bean
    MongoWindows windows(MongoTemplate mongo, CacheSettings cache, Clock clock) {
        return new MongoWindows(mongo, new ShortLivedCache<>(cache.timeToLive(), clock));
    }

    @Bean
    WindowService windowService(Windows windows, PipelineService pipelines, AccessReplica access) {
        return new WindowService(windows, pipelines, access);
    }

    @Bean
    WindowSeeding windowSeeding(Windows windows, WindowSeedProperties properties, SeedFileSettings seed) {
        return new WindowSeeding(new WindowSeeder(windows), properties.seed() ? seed.seedFile() : null);
    }

    /** Seeds once the service is ready; {@code seedFile} null for none. */
    record WindowSeeding(WindowSeeder seeder, Resource seedFile) {
        @EventListener(ApplicationReadyEvent.class)
        public void seed() throws IOException {
            seeder.seed(seedFile);
        }
    }
}
