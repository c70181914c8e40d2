package dev.shipgate.support.health;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
public class HealthConfiguration {

    /** Contributes {@code kafka} (the bean name less its suffix), so the readiness group can include it. */
    @Bean(name = "kafkaHealthIndicator")
    public KafkaHealthIndicator kafkaHealthIndicator(
            @Value("${spring.kafka.bootstrap-servers:127.0.0.1:9092}") String bootstrapServers) {
        return new KafkaHealthIndicator(bootstrapServers);
    }

    /** Contributes {@code mongo}, in place of Boot's (switched off with management.health.mongo.enabled=false). */
    @Bean(name = "mongoHealthIndicator")
    public MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
