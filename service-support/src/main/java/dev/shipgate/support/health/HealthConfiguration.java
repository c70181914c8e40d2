package dev.shipgate.support.health;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
public class HealthConfiguration {

    /** Named {@code kafka} so the readiness group can include it. */
    @Bean(name = "kafka")
    public KafkaHealthIndicator kafkaHealthIndicator(
            @Value("${spring.kafka.bootstrap-servers:127.0.0.1:9092}") String bootstrapServers) {
        return new KafkaHealthIndicator(bootstrapServers);
    }
}
