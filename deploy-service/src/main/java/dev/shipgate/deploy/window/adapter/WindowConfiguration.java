package dev.shipgate.deploy.window.adapter;

import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.window.application.WindowService;
import dev.shipgate.deploy.window.application.Windows;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.config.CacheSettings;
import dev.shipgate.support.config.SeedFileSettings;
import dev.shipgate.support.config.SeedWhenReady;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

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
    SeedWhenReady windowSeeding(Windows windows, WindowSeedProperties properties, SeedFileSettings seed) {
        return new SeedWhenReady(new WindowSeeder(windows)::seed, properties.seed() ? seed.seedFile() : null);
    }
}
