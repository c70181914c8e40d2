package dev.shipgate.support.messaging;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.UnreadableEventException;
import dev.shipgate.support.security.RevokedTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.Map;

/**
 * Kafka as every Shipgate service uses it: String keys and raw JSON bodies with CloudEvents headers, idempotent
 * producers with acks=all, and consumers that park what they cannot read on {@code <topic>.dlt} and go on.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class KafkaMessagingConfiguration {

    private final KafkaConnection connection;
    private final String clientId;

    public KafkaMessagingConfiguration(KafkaConnection connection,
                                       @Value("${spring.application.name:shipgate}") String clientId) {
        this.connection = connection;
        this.clientId = clientId;
    }

    /**
     * The service's broker address and principal (see {@link KafkaConnection}), static so that it exists before
     * this configuration, which needs it.
     */
    @Bean
    public static KafkaConnection kafkaConnection(
            @Value("${spring.kafka.bootstrap-servers:127.0.0.1:9092}") String bootstrap,
            @Value("${shipgate.kafka.security-protocol:SASL_PLAINTEXT}") String securityProtocol,
            @Value("${shipgate.kafka.sasl-mechanism:SCRAM-SHA-512}") String saslMechanism,
            @Value("${shipgate.kafka.username:}") String username,
            @Value("${shipgate.kafka.password:}") String password) {
        return new KafkaConnection(bootstrap, securityProtocol, saslMechanism, username, password);
    }

    /**
     * In place of Boot's, which knows nothing of the service's principal: Spring Kafka asks it for the cluster id
     * (observations). Creates no topics: the broker admin makes them all (see README, Security).
     */
    @Bean
    public KafkaAdmin kafkaAdmin() {
        KafkaAdmin admin = new KafkaAdmin(connection.clientProperties());
        admin.setAutoCreate(false);
        return admin;
    }

    @Bean
    public ProducerFactory<String, byte[]> producerFactory() {
        Map<String, Object> config = connection.clientProperties();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    public KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(producerFactory);
        template.setObservationEnabled(true); // carries the trace context in the traceparent header
        return template;
    }

    @Bean
    public ConsumerFactory<String, byte[]> consumerFactory() {
        Map<String, Object> config = connection.clientProperties();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a crashed instance's partitions move to the others after 10 s rather than the default 45 s
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return new DefaultKafkaConsumerFactory<>(config);
    }

    @Bean
    public DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate) {
        var recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
        // a passing fault (database away) is retried with backoff; after that the message is parked, not lost
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxElapsedTime(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        return handler;
    }

    @Bean
    public ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
            ConsumerFactory<String, byte[]> consumerFactory, DefaultErrorHandler kafkaErrorHandler) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(consumerFactory);
        factory.setCommonErrorHandler(kafkaErrorHandler);
        factory.getContainerProperties().setObservationEnabled(true);
        // Offsets are committed once a second rather than after every poll: each commit was a synchronous round trip
        // and a write on the broker for nearly every event. After a crash up to a second of events comes again, and
        // consumers skip what they already applied (EventConsumer).
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
        factory.getContainerProperties().setAckTime(1_000);
        // a refused login or a missing ACL is logged and tried again rather than stopping the listener for good
        factory.getContainerProperties().setAuthExceptionRetryInterval(java.time.Duration.ofSeconds(5));
        return factory;
    }

    @Bean
    public EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafkaTemplate) {
        return new EventPublisher(kafkaTemplate);
    }

    @Bean
    public TokenRevocationFeed tokenRevocationFeed(RevokedTokens revokedTokens) {
        return new TokenRevocationFeed(revokedTokens);
    }

    @Bean
    public ProcessedEvents processedEvents(MongoTemplate mongo) {
        return new ProcessedEvents(mongo);
    }

    @Bean
    public EventConsumer eventConsumer(ProcessedEvents processedEvents) {
        return new EventConsumer(processedEvents);
    }
}
