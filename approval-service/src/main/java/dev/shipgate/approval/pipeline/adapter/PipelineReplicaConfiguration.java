package dev.shipgate.approval.pipeline.adapter;

import dev.shipgate.approval.pipeline.application.PipelineChangeFollower;
import dev.shipgate.approval.pipeline.application.PipelineReplica;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.config.CacheSettings;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.util.function.Consumer;

/** The pipeline feature: the replica of deploy-service's pipelines and of the images running on them. */
@Configuration(proxyBeanMethods = false)
class PipelineReplicaConfiguration {

    @Bean
    MongoPipelineReplica pipelines(MongoTemplate mongo, Clock clock, CacheSettings cache) {
        return new MongoPipelineReplica(mongo, new ShortLivedCache<>(cache.timeToLive(), clock),
                new ShortLivedCache<>(cache.timeToLive(), clock));
    }

    @Bean
    MongoActiveImages activeImages(MongoTemplate mongo) {
        return new MongoActiveImages(mongo);
    }

    @Bean
    PipelineListener pipelineListener(EventConsumer consumer, PipelineReplica pipelines,
                                      PipelineChangeFollower follower) {
        return new PipelineListener(consumer, pipelines, follower);
    }

    // a Spring Cloud Stream function: spring.cloud.function.definition and its binding are in application.yml
    @Bean
    Consumer<Message<byte[]>> pipelineEvents(PipelineListener listener) {
        return listener::on;
    }
}
