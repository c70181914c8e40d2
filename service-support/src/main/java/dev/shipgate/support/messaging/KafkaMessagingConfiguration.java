package dev.shipgate.support.messaging;

import dev.shipgate.contracts.Topics;
import dev.shipgate.support.security.RevokedTokens;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import java.time.Clock;

/**
 * Messaging as every Shipgate service uses it, on Spring Cloud Stream's Kafka binder (settings:
 * {@link MessagingDefaults}): String keys and raw JSON bodies with CloudEvents headers, synchronous idempotent
 * producers with acks=all, and consumer bindings that park what they cannot apply on {@code <topic>.dlt} and go on.
 */
@AutoConfiguration
public class KafkaMessagingConfiguration {

    /**
     * The service's broker address and principal (see {@link KafkaConnection}) for the clients the binder does not
     * make (health, dead-letter admin); static so that it exists before the configurations that need it, and so bound
     * from the environment directly ({@link KafkaSettings}) rather than as a properties bean.
     */
    @Bean
    public static KafkaConnection kafkaConnection(Environment environment) {
        return KafkaConnection.of(environment);
    }

    /** Every binding with a dead-letter queue parks a record on its own topic's {@code <topic>.dlt}. */
    @Bean
    public DlqDestinationResolver deadLetterTopics() {
        return (record, exception) -> Topics.deadLetterOf(record.topic());
    }

    /**
     * With ack-mode TIME (see {@link MessagingDefaults}): offsets are committed once a second. Each binding's
     * consumer tells {@link PartitionOwnership} which partitions it reads, after the binder's own listener if any.
     */
    @Bean
    public ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> consumerContainers(
            PartitionOwnership ownership) {
        return (container, destination, group) -> {
            ContainerProperties properties = container.getContainerProperties();
            properties.setAckTime(1_000);
            if (group != null) {
                properties.setConsumerRebalanceListener(
                        ownership.listenerFor(group, properties.getConsumerRebalanceListener()));
            }
        };
    }

    @Bean
    public EventPublisher eventPublisher(StreamBridge streamBridge) {
        return new EventPublisher(streamBridge::send);
    }

    /** Bound as {@value MessagingDefaults#TOKEN_REVOCATIONS_BINDING}; each service lists it among its functions. */
    @Bean
    public TokenRevocationFeed tokenRevocations(RevokedTokens revokedTokens) {
        return new TokenRevocationFeed(revokedTokens);
    }

    @Bean
    public ProcessedEvents processedEvents(MongoTemplate mongo) {
        return new ProcessedEvents(mongo);
    }

    /** Which partitions this instance reads, since when. */
    @Bean
    public PartitionOwnership partitionOwnership(ProcessedEvents processedEvents) {
        return new PartitionOwnership(Clock.systemUTC(), processedEvents);
    }

    @Bean
    public EventConsumer eventConsumer(ProcessedEvents processedEvents, PartitionOwnership partitionOwnership) {
        return new EventConsumer(processedEvents, partitionOwnership);
    }
}
