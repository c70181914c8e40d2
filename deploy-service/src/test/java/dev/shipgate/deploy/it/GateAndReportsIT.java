package dev.shipgate.deploy.it;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 in deploy-service, against the real broker and database: the gate API ({@code POST
 * /api/pipelines/{id}/gate}, idempotent by {@code Idempotency-Key}) and an external target's status reports
 * ({@code POST /api/deployments/{id}/status}). This test plays approval-service: it authorizes every deploy request
 * of its pipelines, as approval-service does for an approved image.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shipgate.deploy.max-wait=PT5S", "shipgate.deploy.rollout-timeout=PT10S"})
class GateAndReportsIT {

    static final LocalInfra INFRA = DeployServiceInfra.INFRA;
    static TopicWatcher topics;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ADMIN = "gt-admin-" + RUN;
    private static final String DEPLOYER = "gt-dev-" + RUN;
    private static final String OTHER_DEPLOYER = "gt-dev2-" + RUN;
    private static final String VIEWER = "gt-view-" + RUN;
    private static final Set<String> ours = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final ExecutorService approvalService = Executors.newSingleThreadExecutor();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        DeployServiceInfra.register(registry);
    }

    @BeforeAll
    static void watchGrantAndDecide() {
        topics = new TopicWatcher(INFRA, List.of(Topics.DEPLOYMENTS));
        DeployServiceInfra.grant(topics, ADMIN, "SUPER_ADMIN");
        DeployServiceInfra.grant(topics, DEPLOYER, "BUILD_AND_DEPLOY");
        DeployServiceInfra.grant(topics, OTHER_DEPLOYER, "BUILD_AND_DEPLOY");
        DeployServiceInfra.grant(topics, VIEWER, "VIEW");
        approvalService.submit(() -> { // authorizes each deploy request of this class's pipelines once
            Set<String> decided = new java.util.HashSet<>();
            while (!Thread.currentThread().isInterrupted()) {
                for (DeploymentRequested requested : topics.events(DeploymentRequested.class,
                        e -> ours.contains(e.image().pipelineId()))) {
                    if (decided.add(requested.deploymentId())) {
                        topics.publish(new DeploymentAuthorized(requested.deploymentId(), requested.image(),
                                requested.requestedBy(), "ar-" + requested.deploymentId(), List.of("bob")));
                    }
                }
                Thread.sleep(50);
            }
            return null;
        });
    }

    @AfterAll
    static void stop() {
        approvalService.shutdownNow();
        topics.close();
    }

    private Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    private String pipeline(String target) {
        Http.Response[] created = new Http.Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> { // access reaches the replica
            created[0] = http().post(ADMIN, "/api/pipelines", Map.of("project", "shop", "application", "payments",
                    "environment", "env-" + UUID.randomUUID().toString().substring(0, 8), "target", target,
                    "requiredApprovals", 1, "approverMayDeploy", false, "trigger", "MANUAL"));
            assertThat(created[0].status()).as(created[0].body()).isEqualTo(201);
        });
        String id = created[0].json().path("id").asString();
        ours.add(id);
        return id;
    }

    private static String image() {
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        topics.publish(new ImageBuilt(digest, "registry.local/payments", "2." + RUN, "abc123", "payments",
                "ci-bot", Instant.now()));
        return digest;
    }

    private Http.Response gate(String user, String pipeline, String digest, String key) {
        Map<String, String> headers = new HashMap<>();
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        Http.Response[] answer = new Http.Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> { // the image reaches the replica
            answer[0] = http().postWithHeaders("Bearer " + TestTokens.forUser(user), "/api/pipelines/" + pipeline
                    + "/gate?wait=PT5S", Map.of("imageDigest", digest), headers);
            return !"UNKNOWN_IMAGE".equals(answer[0].reason());
        });
        return answer[0];
    }

    private Http.Response report(String user, String deploymentId, String status, String message, String link) {
        Map<String, Object> body = new HashMap<>(Map.of("status", status, "message", message));
        if (link != null) {
            body.put("link", link);
        }
        return http().post(user, "/api/deployments/" + deploymentId + "/status", body);
    }

    @Test
    void the_gate_allows_once_per_idempotency_key_even_when_the_calls_race() throws Exception {
        String pipeline = pipeline("external");
        String digest = image();
        String key = "\"run-" + UUID.randomUUID() + "\"";

        Http.Response first = gate(DEPLOYER, pipeline, digest, key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("allowed").asBoolean()).isTrue();
        String id = first.json().path("deploymentId").asString();
        assertThat(first.json().path("links").path("status").asString())
                .isEqualTo("/api/deployments/" + id + "/status");
        assertThat(first.header("Location")).isEqualTo("/api/deployments/" + id);
        // retried, eight at a time: the same deployment, no second request to approval-service
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Http.Response>> retries = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> gate(DEPLOYER, pipeline, digest, key),
                            callers)).toList();
            assertThat(retries.stream().map(CompletableFuture::join).map(r -> r.status() + " "
                    + r.json().path("deploymentId").asString()).collect(Collectors.toSet()))
                    .containsExactly("201 " + id);
        } finally {
            callers.shutdownNow();
        }
        assertThat(topics.events(DeploymentRequested.class, e -> e.image().pipelineId().equals(pipeline)))
                .hasSize(1);
        // the key is the caller's: another deployer's same key is another call
        Http.Response other = gate(OTHER_DEPLOYER, pipeline, digest, key);
        assertThat(other.json().path("deploymentId").asString()).isNotEqualTo(id);
        // and names one call: another image with it is refused
        Http.Response reused = gate(DEPLOYER, pipeline, image(), key);
        assertThat(reused.status()).as(reused.body()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.reason()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void a_tool_reports_progress_and_outcome_onto_the_timeline_and_nothing_after_the_end() {
        String pipeline = pipeline("external");
        String id = gate(DEPLOYER, pipeline, image(), null).json().path("deploymentId").asString();
        assertThat(http().get(DEPLOYER, "/api/deployments/" + id).json().path("status").asString())
                .as("the monitor starts nothing on an external target").isEqualTo("AUTHORIZED");

        assertThat(report(VIEWER, id, "PROGRESSING", "sync started", null).reason())
                .isEqualTo("NOT_ALLOWED_TO_DEPLOY");
        Http.Response progressing = report(DEPLOYER, id, "PROGRESSING", "sync started",
                "https://argocd.example/applications/payments");
        assertThat(progressing.status()).as(progressing.body()).isEqualTo(200);
        assertThat(progressing.json().path("status").asString()).isEqualTo("PROGRESSING");
        Http.Response again = report(DEPLOYER, id, "PROGRESSING", "sync started",
                "https://argocd.example/applications/payments");
        assertThat(again.status()).as("a retried report changes nothing").isEqualTo(200);
        assertThat(again.json().path("timeline").size()).isEqualTo(progressing.json().path("timeline").size());
        Http.Response healthy = report(DEPLOYER, id, "HEALTHY", "all pods ready", null);
        assertThat(healthy.json().path("status").asString()).as(healthy.body()).isEqualTo("HEALTHY");

        Http.Response late = report(DEPLOYER, id, "FAILED", "oops", null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.reason()).isEqualTo("DEPLOYMENT_FINISHED");
        var timeline = http().get(DEPLOYER, "/api/deployments/" + id).json().path("timeline");
        assertThat(timeline.get(timeline.size() - 2).path("detail").asString())
                .isEqualTo("sync started (reported by " + DEPLOYER + " via session)");
        assertThat(timeline.get(timeline.size() - 2).path("link").asString())
                .isEqualTo("https://argocd.example/applications/payments");
        assertThat(topics.events(DeploymentStatusChanged.class, e -> e.deploymentId().equals(id))
                .stream().map(DeploymentStatusChanged::status)).contains("PROGRESSING", "HEALTHY");
    }

    @Test
    void bad_reports_are_refused_with_their_reason() {
        String simulated = pipeline("simulated");
        String onSimulated = gate(DEPLOYER, simulated, image(), null).json().path("deploymentId").asString();
        assertThat(report(DEPLOYER, onSimulated, "HEALTHY", "done", null).reason())
                .isEqualTo("NOT_AN_EXTERNAL_TARGET");
        String id = gate(DEPLOYER, pipeline("external"), image(), null).json().path("deploymentId").asString();
        for (Map<String, String> bad : List.of(Map.of("status", "AUTHORIZED", "message", "x"),
                Map.of("status", "HEALTHY", "message", ""),
                Map.of("status", "HEALTHY", "message", "x", "link", "javascript:alert(1)"))) {
            Http.Response answer = http().post(DEPLOYER, "/api/deployments/" + id + "/status", bad);
            assertThat(answer.status()).as(bad.toString()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(report(DEPLOYER, "dp-nothing", "HEALTHY", "x", null).status()).isEqualTo(404);
    }

    @Test
    void a_deployment_nobody_reports_on_times_out() {
        String id = gate(DEPLOYER, pipeline("external"), image(), null).json().path("deploymentId").asString();

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                http().get(DEPLOYER, "/api/deployments/" + id).json().path("status").asString())
                .isEqualTo("TIMED_OUT"));
        assertThat(report(DEPLOYER, id, "HEALTHY", "finally", null).reason()).isEqualTo("DEPLOYMENT_FINISHED");
    }
}
