package dev.shipgate.notification.subscription.adapter;

import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.subscription.application.PipelineAccess;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.config.CacheSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** Deployment subscriptions, and the pipelines replica that decides who may follow a pipeline. */
@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

    @Bean
    MongoPipelineScopes pipelineScopes(MongoTemplate mongo, CacheSettings cache, Clock clock) {
        return new MongoPipelineScopes(mongo, new ShortLivedCache<>(cache.timeToLive(), clock));
    }

    @Bean
    PipelineAccess pipelineAccess(PipelineScopes pipelineScopes, Recipients recipients) {
        return new PipelineAccess(pipelineScopes, recipients);
    }

    @Bean
    MongoSubscriptions subscriptions(MongoTemplate mongo) {
        return new MongoSubscriptions(mongo);
    }
}
