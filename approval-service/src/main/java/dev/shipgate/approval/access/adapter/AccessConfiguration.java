package dev.shipgate.approval.access.adapter;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.application.AccessStore;
import dev.shipgate.support.config.CacheSettings;
import dev.shipgate.support.config.SeedFileSettings;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.IOException;
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
    Seeding seeding(AccessStore store, AccessService access, SeedFileSettings seed) {
        return new Seeding(new AccessSeeder(store, access), seed);
    }

    /** Seeds access once the service is up. */
    record Seeding(AccessSeeder seeder, SeedFileSettings settings) {
        @EventListener(ApplicationReadyEvent.class)
        public void seed() throws IOException {
            seeder.seed(settings.seedFile());
        }
    }
}
