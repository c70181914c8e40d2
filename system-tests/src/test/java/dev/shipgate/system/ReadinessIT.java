package dev.shipgate.system;

import dev.shipgate.testing.RunningSystem;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A service reports itself not ready while its database or its broker is away, and ready again after. */
class ReadinessIT {

    private static final List<String> BACKEND_SERVICES = List.of("approval-service", "deploy-service",
            "notification-service");
    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = new RunningSystem();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void readiness_is_down_while_mongodb_is_down_and_up_again_after() {
        system.infra.mongo().stop();
        awaitReadiness(false);

        system.infra.mongo().start();
        system.infra.awaitMongo();
        awaitReadiness(true);
    }

    @Test
    void readiness_is_down_while_kafka_is_down_and_up_again_after() {
        system.infra.kafka().stop();
        awaitReadiness(false);

        system.infra.kafka().start();
        system.infra.awaitKafka();
        awaitReadiness(true);
    }

    private static void awaitReadiness(boolean ready) {
        for (String service : BACKEND_SERVICES) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(RunningSystem.isReady(system.ports.get(service))).as(service + " ready").isEqualTo(ready));
        }
    }
}
