package dev.shipgate.deploy.it;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.application.DecisionWaiter;
import dev.shipgate.deploy.deployment.application.DeploymentUpdater;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/pipelines/{id}/deployments?wait=...} answers with approval-service's decision (issue 16, item 5),
 * against the real broker and database. This test plays approval-service: it reads the DeploymentRequested event
 * and publishes the decision on the decisions topic, as approval-service does.
 */
// its own context, closed after the class: two live contexts would share the consumer groups' partitions, and
// the access events one of them waits for could reach the other
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.tomcat.threads.max=4", // fewer threads than waiting calls in the test that counts them
        "shipgate.deploy.max-wait=PT3S"})
class DeployAnswersIT {

    static final LocalInfra INFRA = SharedInfra.get();
    static TopicWatcher topics;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ADMIN = "dw-admin-" + RUN;
    private static final String DEPLOYER = "dw-dev-" + RUN;
    private static final String VIEWER = "dw-view-" + RUN;

    @LocalServerPort
    int port;
    @Autowired
    Deployments store;
    @Autowired
    DecisionWaiter waiter;

    private String pipeline;
    private String digest;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        DeployServiceInfra.register(registry);
    }

    @BeforeAll
    static void watchAndGrant() {
        topics = new TopicWatcher(INFRA, List.of(Topics.DEPLOYMENTS));
        topics.publish(new UserAccessChanged(ADMIN, ADMIN + "@example.com", "Admin", true, List.of(),
                List.of(new RoleBinding("SUPER_ADMIN", "*", "*", "*"))));
        topics.publish(new UserAccessChanged(DEPLOYER, DEPLOYER + "@example.com", "Dev", true, List.of(),
                List.of(new RoleBinding("BUILD_AND_DEPLOY", "shop", "payments", "*"))));
        topics.publish(new UserAccessChanged(VIEWER, VIEWER + "@example.com", "Viewer", true, List.of(),
                List.of(new RoleBinding("VIEW", "shop", "payments", "*"))));
    }

    @AfterAll
    static void stopWatching() {
        topics.close();
    }

    @BeforeEach
    void pipelineAndImage() {
        Http.Response[] created = new Http.Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> { // access reaches the replica
            created[0] = http().post(ADMIN, "/api/pipelines", Map.of("project", "shop", "application", "payments",
                    "environment", "env-" + UUID.randomUUID().toString().substring(0, 8), "target", "simulated",
                    "requiredApprovals", 1, "approverMayDeploy", false, "trigger", "MANUAL"));
            assertThat(created[0].status()).as(created[0].body()).isEqualTo(201);
        });
        pipeline = created[0].json().path("id").asString();
        digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        topics.publish(new ImageBuilt(digest, "registry.local/payments", "1." + RUN, "abc123", "payments",
                "ci-bot", Instant.now()));
    }

    private Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    /** The deploy call, made again while the image has not reached deploy-service's replica yet (404). */
    private Http.Response deploy(String user, String wait) {
        Http.Response[] answer = new Http.Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            answer[0] = http().post(user, "/api/pipelines/" + pipeline + "/deployments"
                    + (wait == null ? "" : "?wait=" + wait), Map.of("imageDigest", digest));
            return !"UNKNOWN_IMAGE".equals(answer[0].reason());
        });
        return answer[0];
    }

    /** Plays approval-service: decides every deploy request of this pipeline as {@code decide} says. */
    private void decideWith(Consumer<DeploymentRequested> decide) {
        CompletableFuture.runAsync(() -> decide.accept(topics.await(DeploymentRequested.class,
                e -> e.image().pipelineId().equals(pipeline))));
    }

    @Test
    void an_authorized_deployment_is_answered_201_with_its_location_as_soon_as_it_is_decided() {
        decideWith(requested -> topics.publish(new DeploymentAuthorized(requested.deploymentId(), requested.image(),
                requested.requestedBy(), "ar-1", List.of("bob"))));

        long started = System.nanoTime();
        Http.Response answer = deploy(DEPLOYER, "PT3S");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().path("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(answer.json().path("approvalRequestId").asString()).isEqualTo("ar-1");
        assertThat(answer.header("Location")).isEqualTo("/api/deployments/" + answer.json().path("id").asString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void a_rejection_for_the_approvals_state_is_a_409_problem_with_approval_services_reason_and_message() {
        decideWith(requested -> topics.publish(new DeploymentRejected(requested.deploymentId(), requested.image(),
                requested.requestedBy(), "NO_APPROVAL", "image has no approval on this pipeline: request one first")));

        Http.Response answer = deploy(DEPLOYER, "PT3S");

        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.reason()).isEqualTo("NO_APPROVAL");
        assertThat(answer.json().path("detail").asString()).contains("request one first");
        assertThat(answer.json().path("deploymentStatus").asString()).isEqualTo("REJECTED");
        String id = answer.json().path("deploymentId").asString();
        assertThat(http().get(DEPLOYER, "/api/deployments/" + id).json().path("rejection").path("reason")
                .asString()).isEqualTo("NO_APPROVAL");
    }

    @Test
    void a_rejection_of_the_caller_is_a_403_problem() {
        decideWith(requested -> topics.publish(new DeploymentRejected(requested.deploymentId(), requested.image(),
                requested.requestedBy(), "APPROVER_CANNOT_DEPLOY", "an approver may not deploy what they approved")));

        Http.Response answer = deploy(DEPLOYER, "PT3S");

        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.reason()).isEqualTo("APPROVER_CANNOT_DEPLOY");
    }

    @Test
    void with_no_decision_the_call_answers_202_with_the_requested_deployment_when_the_wait_runs_out() {
        long started = System.nanoTime();
        Http.Response answer = deploy(DEPLOYER, "PT1S");

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().path("status").asString()).isEqualTo("REQUESTED");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_wait_above_the_configured_limit_is_cut_to_it() {
        long started = System.nanoTime();
        Http.Response answer = deploy(DEPLOYER, "PT1H");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_decision_applied_by_another_instance_is_seen_by_re_reading_the_deployment() {
        String warmUp = deploy(DEPLOYER, "PT0.1S").json().path("id").asString(); // the image is in the replica
        // another instance applies the decision: it writes the document, and this instance's listener never runs
        CompletableFuture.runAsync(() -> {
            DeploymentRequested requested = topics.await(DeploymentRequested.class,
                    e -> e.image().pipelineId().equals(pipeline) && !e.deploymentId().equals(warmUp));
            Awaitility.await().until(() -> store.find(requested.deploymentId()).isPresent());
            new DeploymentUpdater(store).apply(requested.deploymentId(),
                    d -> d.authorize("ar-elsewhere", List.of("carol"), Instant.now()));
        });

        long started = System.nanoTime();
        Http.Response answer = deploy(DEPLOYER, "PT3S");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().path("approvalRequestId").asString()).isEqualTo("ar-elsewhere");
        // seen by the poll, well before the wait ran out (which would also answer 201, from its last read)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void what_deploy_service_knows_is_not_deployable_is_refused_at_once_and_a_bad_wait_is_a_400() {
        assertThat(http().post(VIEWER, "/api/pipelines/" + pipeline + "/deployments?wait=PT3S",
                Map.of("imageDigest", digest)).reason()).isEqualTo("NOT_ALLOWED_TO_DEPLOY");
        Http.Response unknownImage = http().post(DEPLOYER, "/api/pipelines/" + pipeline + "/deployments?wait=PT3S",
                Map.of("imageDigest", "sha256:none"));
        assertThat(unknownImage.status()).isEqualTo(404);
        assertThat(unknownImage.reason()).isEqualTo("UNKNOWN_IMAGE");
        for (String bad : List.of("10", "PT-1S", "PT0S", "soon", "")) {
            Http.Response answer = http().post(DEPLOYER, "/api/pipelines/" + pipeline + "/deployments?wait=" + bad,
                    Map.of("imageDigest", digest));
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.reason()).as(bad).isEqualTo("INVALID_WAIT");
        }
    }

    @Test
    void waiting_calls_hold_no_request_thread() {
        deploy(DEPLOYER, "PT0.1S"); // the image is in the replica
        List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            for (int i = 0; i < 12; i++) { // three times the server's 4 threads
                calls.add(CompletableFuture.supplyAsync(() -> http().post(DEPLOYER, "/api/pipelines/" + pipeline
                        + "/deployments?wait=PT3S", Map.of("imageDigest", digest)), clients));
            }
            // all twelve wait at the same time: none of them holds one of the 4 threads
            Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> waiter.waitingCalls() >= 12);

            assertThat(calls).allSatisfy(call -> assertThat(call.join().status()).isEqualTo(202));
        } finally {
            clients.shutdownNow();
        }
    }
}
