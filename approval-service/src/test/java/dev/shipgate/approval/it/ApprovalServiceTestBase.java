package dev.shipgate.approval.it;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ApproverRule;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.ServiceTestProperties;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * approval-service against the real broker and MongoDB-compatible server. Pipelines and images arrive the way they
 * do in production: as events on their topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApprovalServiceTestBase {

    static final LocalInfra INFRA = SharedInfra.get();
    static TopicWatcher topics;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, INFRA, KafkaAccess.APPROVAL, "approval");
        registry.add("shipgate.seed-file", () -> "classpath:seed-test.json");
        registry.add("shipgate.outbox.retry-millis", () -> "100");
        registry.add("shipgate.approval.expiry-sweep", () -> "PT0.2S");
    }

    @BeforeAll
    static void watch() {
        topics = new TopicWatcher(INFRA, List.of(Topics.APPROVALS, Topics.DEPLOY_DECISIONS,
                Topics.ACCESS, Topics.TOKEN_REVOCATIONS, Topics.deadLetterOf(Topics.DEPLOYMENTS),
                Topics.deadLetterOf(Topics.IMAGES)));
    }

    @AfterAll
    static void stopWatching() {
        topics.close();
    }

    Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    /** A pipeline of shop/payments into {@code environment}, published as deploy-service does. */
    String pipeline(String environment, int requiredApprovals, List<ApproverRule> rules, boolean approverMayDeploy) {
        return pipeline(environment, requiredApprovals, rules, approverMayDeploy, 3600);
    }

    String pipeline(String environment, int requiredApprovals, List<ApproverRule> rules, boolean approverMayDeploy,
                    long approvalLifetimeSeconds) {
        String id = "pl-" + UUID.randomUUID();
        topics.publish(new PipelineConfigured(id, "shop", "payments", environment, "simulated", requiredApprovals,
                rules, approvalLifetimeSeconds, null, approverMayDeploy, "MANUAL", false));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                http().get("erin", "/api/pipelines/" + id + "/images").status() == 200);
        return id;
    }

    /** Publishes a new configuration of an existing pipeline of shop/payments into prod, as deploy-service does. */
    void reconfigure(String id, int requiredApprovals, List<ApproverRule> rules, String trigger) {
        topics.publish(new PipelineConfigured(id, "shop", "payments", "prod", "simulated", requiredApprovals,
                rules, 3600, null, false, trigger, false));
    }

    /** An image of payments built by {@code builtBy}, published as CI does. */
    String image(String tag, String builtBy) {
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        topics.publish(new ImageBuilt(digest, "registry.local/payments", tag, "abc123", "payments", builtBy,
                Instant.now()));
        return digest;
    }

    void awaitImage(String pipelineId, String digest) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                http().get("erin", "/api/pipelines/" + pipelineId + "/images?size=100").body().contains(digest));
    }
}
