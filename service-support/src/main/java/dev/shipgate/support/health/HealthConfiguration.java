package dev.shipgate.support.health;

import dev.shipgate.support.messaging.KafkaConnection;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
public class HealthConfiguration {

    /** Contributes {@code kafka} (the bean name less its suffix), so the readiness group can include it. */
    @Bean(name = "kafkaHealthIndicator")
    public KafkaHealthIndicator kafkaHealthIndicator(KafkaConnection kafka) {
        return new KafkaHealthIndicator(kafka.clientProperties());
    }

    /** Contributes {@code mongo}, in place of Boot's (switched off with management.health.mongo.enabled=false). */
    @Bean(name = "mongoHealthIndicator")
    public MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
