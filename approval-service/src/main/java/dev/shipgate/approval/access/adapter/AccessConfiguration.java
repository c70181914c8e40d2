package dev.shipgate.approval.access.adapter;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.application.AccessStore;
import dev.shipgate.support.config.CacheSettings;
import dev.shipgate.support.config.SeedFileSettings;
import dev.shipgate.support.config.SeedWhenReady;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** The access feature: users, groups and what they may do, stored in MongoDB and seeded at start. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    AccessStore accessStore(MongoTemplate mongo, AggregateStore store, Clock clock, CacheSettings cache) {
        return new RememberedAccessStore(new MongoAccessStore(mongo, store), cache.timeToLive(), clock);
    }

    @Bean
    AccessService accessService(AccessStore store, Clock clock) {
        return new AccessService(store, clock);
    }

    @Bean
    SeedWhenReady accessSeeding(AccessStore store, AccessService access, SeedFileSettings seed) {
        return new SeedWhenReady(new AccessSeeder(store, access)::seed, seed.seedFile());
    }
}
