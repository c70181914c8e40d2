package dev.shipgate.approval.deadletter;

import dev.shipgate.support.messaging.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.Map;

/** The dead-letter feature: parked messages read and put back by an admin. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaConnection kafka) {
        Map<String, Object> config = kafka.clientProperties();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "approval-service-dead-letters");
        return Admin.create(config);
    }

    @Bean
    DeadLetters deadLetters(Admin kafkaAdminClient, KafkaConnection kafka) {
        Map<String, Object> producerConfig = kafka.clientProperties();
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "approval-service-dead-letters");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new DeadLetters(kafkaAdminClient,
                new DefaultKafkaConsumerFactory<>(kafka.clientProperties(), new StringDeserializer(),
                        new ByteArrayDeserializer()),
                new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerConfig, new StringSerializer(),
                        new ByteArraySerializer())));
    }

    @Bean
    ReplayLog replayLog(MongoTemplate mongo) {
        return new ReplayLog(mongo);
    }
}
