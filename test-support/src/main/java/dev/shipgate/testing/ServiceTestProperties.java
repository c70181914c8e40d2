package dev.shipgate.testing;

import dev.shipgate.runtime.LocalInfra;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.UUID;

/**
 * What every service's Spring Boot test sets alike: the shared broker, reached as the service's own Kafka principal
 * (so its ACLs are those of production), a database of its own, the test tokens' secret and plain console logs.
 */
public final class ServiceTestProperties {

    private ServiceTestProperties() {
    }

    /**
     * @param principal the service's principal ({@code KafkaAccess.APPROVAL}, ...)
     * @param service   the database name's prefix, e.g. {@code deploy} for {@code deploy-test-<uuid>}
     */
    public static void register(DynamicPropertyRegistry registry, LocalInfra infra, String principal,
                                String service) {
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrap);
        registry.add("shipgate.kafka.username", () -> principal);
        registry.add("shipgate.kafka.password", () -> infra.kafkaPassword(principal));
        registry.add("spring.mongodb.uri", infra::mongoUri);
        registry.add("spring.mongodb.database", () -> service + "-test-" + UUID.randomUUID());
        registry.add("shipgate.security.secret", () -> TestTokens.SECRET);
        registry.add("logging.structured.format.console", () -> "");
    }
}
