package dev.shipgate.deploy.replica.adapter;

import dev.shipgate.support.config.CacheSettings;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.replica.application.ImageReplica;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.util.function.Consumer;

/** Read-only copies of approval-service's access and images, kept current from their topics. */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

    @Bean
    MongoAccessReplica accessReplica(MongoTemplate mongo, Clock clock, CacheSettings cache) {
        return new MongoAccessReplica(mongo, new ShortLivedCache<>(cache.timeToLive(), clock), clock);
    }

    @Bean
    MongoImageReplica imageReplica(MongoTemplate mongo) {
        return new MongoImageReplica(mongo);
    }

    @Bean
    ReplicaListeners replicaListeners(EventConsumer consumer, AccessReplica access, ImageReplica images) {
        return new ReplicaListeners(consumer, access, images);
    }

    // Spring Cloud Stream functions: spring.cloud.function.definition and the bindings are in application.yml

    @Bean
    Consumer<Message<byte[]>> accessEvents(ReplicaListeners listeners) {
        return listeners::onAccess;
    }

    @Bean
    Consumer<Message<byte[]>> imageEvents(ReplicaListeners listeners) {
        return listeners::onImage;
    }
}
