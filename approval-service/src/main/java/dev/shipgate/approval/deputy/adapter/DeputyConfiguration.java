package dev.shipgate.approval.deputy.adapter;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.deputy.application.Deputies;
import dev.shipgate.approval.deputy.application.DeputyService;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.config.CacheSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** The deputy feature: approvers name a deputy for a period (issue 19, "Delegation"). */
@Configuration(proxyBeanMethods = false)
class DeputyConfiguration {

    @Bean
    Deputies deputies(MongoTemplate mongo, CacheSettings cache, Clock clock) {
        return new MongoDeputies(mongo, new ShortLivedCache<>(cache.timeToLive(), clock));
    }

    @Bean
    DeputyService deputyService(Deputies deputies, AccessService access, Clock clock) {
        return new DeputyService(deputies, access, clock);
    }
}
