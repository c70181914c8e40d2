package dev.shipgate.deploy.it;

import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.LocalInfra;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.UUID;

/** What a deploy-service IT's context needs to run against the shared broker and database: a database of its own. */
final class LiveInfraProperties {

    private LiveInfraProperties() {
    }

    static void register(DynamicPropertyRegistry registry, LocalInfra infra, String tokenSecret) {
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrap);
        registry.add("shipgate.kafka.username", () -> KafkaAccess.DEPLOY);
        registry.add("shipgate.kafka.password", () -> infra.kafkaPassword(KafkaAccess.DEPLOY));
        registry.add("spring.mongodb.uri", infra::mongoUri);
        registry.add("spring.mongodb.database", () -> "deploy-test-" + UUID.randomUUID());
        registry.add("shipgate.security.secret", () -> tokenSecret);
        registry.add("shipgate.outbox.retry-millis", () -> "100");
        registry.add("logging.structured.format.console", () -> "");
    }
}
