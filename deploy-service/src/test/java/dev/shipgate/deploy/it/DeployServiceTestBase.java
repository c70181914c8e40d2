package dev.shipgate.deploy.it;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What deploy-service's HTTP tests share: the real broker and a fresh database, users granted through the access
 * topic, a watcher of the deployments topic, and a fresh pipeline and image for each test. Each class has its own
 * context, closed after the class: two live contexts would share the consumer groups' partitions, and the access
 * events one of them waits for could reach the other.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class DeployServiceTestBase {

    static final LocalInfra INFRA = SharedInfra.get();
    /** Makes this run's user names and tags its own. */
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static TopicWatcher topics;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        DeployServiceInfra.register(registry);
    }

    @BeforeAll
    static void watchDeployments() {
        topics = new TopicWatcher(INFRA, List.of(Topics.DEPLOYMENTS));
    }

    @AfterAll
    static void stopWatching() {
        topics.close();
    }

    /** Gives {@code user} the role on shop / payments in every environment (the access event, as approval's). */
    static void grant(String user, String role) {
        grant(user, new RoleBinding(role, "shop", "payments", "*"));
    }

    static void grant(String user, RoleBinding binding) {
        topics.publish(new UserAccessChanged(user, user + "@example.com", user, true, List.of(), List.of(binding)));
    }

    Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    /**
     * Creates a shop / payments pipeline on {@code environment} needing one approval, as {@code admin}, asking again
     * until the admin's access has reached the replica.
     *
     * @return its id
     */
    String createPipeline(String admin, String environment) {
        Http.Response[] created = new Http.Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            created[0] = http().post(admin, "/api/pipelines", Map.of("project", "shop", "application", "payments",
                    "environment", environment, "target", "simulated", "requiredApprovals", 1,
                    "approverMayDeploy", false, "trigger", "MANUAL"));
            assertThat(created[0].status()).as(created[0].body()).isEqualTo(201);
        });
        return created[0].json().path("id").asString();
    }

    /** Publishes a new payments image built now; it reaches the replica moments later. @return its digest */
    static String publishImage() {
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        topics.publish(new ImageBuilt(digest, "registry.local/payments", "1." + RUN, "abc123", "payments",
                "ci-bot", Instant.now()));
        return digest;
    }
}
