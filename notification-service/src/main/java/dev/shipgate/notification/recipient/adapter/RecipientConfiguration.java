package dev.shipgate.notification.recipient.adapter;

import dev.shipgate.support.config.CacheSettings;
import dev.shipgate.support.cache.ShortLivedCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** The recipients replica: other features use it as {@code Recipients} and {@code RequestMemory}. */
@Configuration(proxyBeanMethods = false)
class RecipientConfiguration {

    @Bean
    MongoRecipients recipients(MongoTemplate mongo, Clock clock, CacheSettings cache) {
        return new MongoRecipients(mongo, new ShortLivedCache<>(cache.timeToLive(), clock), clock);
    }
}
