package dev.shipgate.system;

import dev.shipgate.runtime.ManagedProcess;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real processes, really killed, while approval flows are in progress: every service with SIGKILL, the Kafka broker
 * and the MongoDB-compatible server stopped and started, the SMTP server down for a minute. The clients retry as a
 * CD pipeline would. After each fault every flow ends right: one approval, one healthy deployment, one email per
 * approver; nothing is lost or doubled. The time each part takes to be ready again is printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    static final List<String> BACKEND_SERVICES = List.of("approval-service", "deploy-service", "notification-service");

    private static RunningSystem system;
    private static Http gateway;
    private static Http inbox;
    /** The flows of the current fault (the SMTP server keeps its inbox in memory: a restart empties it). */
    private static final List<Flow> finished = new ArrayList<>();
    private static final ConcurrentLinkedQueue<String> recoveries = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() {
        system = new RunningSystem(RunningSystem.ALL_SERVICES, List.of(
                "--shipgate.targets.simulated.progress-time=PT3S"));
        gateway = new Http(system.gatewayUrl());
        inbox = new Http(system.infra.inboxUrl());
    }

    @AfterAll
    static void stop() {
        recoveries.forEach(System.out::println);
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void every_service_killed_mid_flow_comes_back_and_every_flow_ends_right() {
        List<CompletableFuture<Flow>> flows = startFlows("kill", 3);
        sleep(Duration.ofMillis(1500));
        Instant killedAt = Instant.now();
        system.services.values().forEach(ManagedProcess::kill);
        system.services.values().forEach(ManagedProcess::start);
        system.services.forEach((name, process) -> {
            process.awaitReady(Duration.ofSeconds(180), () -> RunningSystem.isReady(system.ports.get(name)));
            recoveries.add("recovery: " + name + " SIGKILLed, ready again after "
                    + Duration.between(killedAt, Instant.now()).toMillis() + " ms");
        });
        completeAndCheck(flows);
    }

    @Test
    @Order(2)
    void the_broker_stopped_and_started_mid_flow_loses_nothing_and_readiness_follows_it() {
        restartMidFlow("kafka", system.infra.kafka(), system.infra::awaitKafka, "Kafka broker");
    }

    @Test
    @Order(3)
    void the_database_stopped_and_started_mid_flow_loses_nothing_and_readiness_follows_it() {
        restartMidFlow("mongo", system.infra.mongo(), system.infra::awaitMongo, "MongoDB-compatible server");
    }

    /**
     * Stops a server while flows are under way: every service's readiness goes DOWN; starts it again: every service
     * is ready again, and the flows end right.
     */
    private void restartMidFlow(String flowPrefix, ManagedProcess server, Runnable awaitServer, String serverName) {
        List<CompletableFuture<Flow>> flows = startFlows(flowPrefix, 3);
        sleep(Duration.ofMillis(1500));
        server.stop();
        awaitBackendReadiness(false);
        Instant restartedAt = Instant.now();
        server.start();
        awaitServer.run();
        awaitBackendReadiness(true);
        recoveries.add("recovery: " + serverName + " restarted, every service ready after "
                + Duration.between(restartedAt, Instant.now()).toMillis() + " ms");
        completeAndCheck(flows);
    }

    @Test
    @Order(4)
    void the_smtp_server_down_for_a_minute_delays_mail_but_every_mail_arrives_once() {
        system.infra.mail().stop();
        List<CompletableFuture<Flow>> flows = startFlows("smtp", 3);
        List<Flow> done = flows.stream().map(CompletableFuture::join).toList();
        sleep(Duration.ofSeconds(60));
        Instant restartedAt = Instant.now();
        system.infra.mail().start();
        system.infra.awaitMail();
        finished.clear();
        finished.addAll(done);
        awaitMailOfEveryFlow();
        recoveries.add("recovery: SMTP server back after a minute away, its queued mail delivered after "
                + Duration.between(restartedAt, Instant.now()).toMillis() + " ms");
        assertNothingDoubled();
    }

    private static void completeAndCheck(List<CompletableFuture<Flow>> flows) {
        finished.clear();
        flows.forEach(flow -> finished.add(flow.orTimeout(4, TimeUnit.MINUTES).join()));
        awaitMailOfEveryFlow();
        assertNothingDoubled();
    }

    /** One image through the gate: CI reports it, alice asks, bob approves, alice deploys, it becomes healthy. */
    record Flow(String tag, String pipeline, String digest, String requestId, String deploymentId) {
    }

    private static List<CompletableFuture<Flow>> startFlows(String phase, int count) {
        List<CompletableFuture<Flow>> flows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tag = "ft-" + phase + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            flows.add(CompletableFuture.supplyAsync(() -> runFlow(tag)));
        }
        return flows;
    }

    /** Each flow on its own pipeline (environment = tag), so no deployment supersedes another. */
    private static Flow runFlow(String tag) {
        String pipeline = retry(() -> gateway.postWithAuthorization(bearer("dave"), "/api/pipelines", Map.of(
                "project", "shop", "application", "payments", "environment", tag, "target", "simulated",
                "requiredApprovals", 1, "approverRules", List.of(), "approvalLifetimeSeconds", 3600,
                "approverMayDeploy", false, "trigger", "MANUAL")), 201).json().path("id").asString();
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        retry(() -> gateway.postWithAuthorization(bearer("ci-bot"), "/api/images", Map.of("digest", digest,
                "repository", "registry.local/payments", "tag", tag, "application", "payments")), 201, 200);
        Awaitility.await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() ->
                latestRequestOf(pipeline, digest) != null || imageListed(pipeline, digest));
        String requestId = latestRequestId(pipeline, digest);
        if (requestId == null) {
            retry(() -> gateway.postWithAuthorization(bearer("alice"), "/api/approval-requests", Map.of(
                    "pipelineId", pipeline, "imageDigest", digest, "approvers", List.of("bob"))), 201, 409);
            requestId = Awaitility.await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
                    .until(() -> latestRequestId(pipeline, digest), id -> id != null);
        }
        String request = requestId;
        retry(() -> gateway.postWithAuthorization(bearer("bob"), "/api/approval-requests/" + request + "/approve",
                null), 200, 409);
        retry(() -> gateway.postWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline + "/deployments",
                Map.of("imageDigest", digest)), 202, 409);
        String deploymentId = Awaitility.await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
                .until(() -> healthyDeploymentOf(pipeline, digest), id -> id != null);
        return new Flow(tag, pipeline, digest, request, deploymentId);
    }

    /** Calls until the answer is one of {@code done}: a lost answer or a system being restarted is tried again. */
    private static Http.Response retry(Supplier<Http.Response> call, int... done) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            try {
                Http.Response response = call.get();
                for (int status : done) {
                    if (response.status() == status) {
                        return response;
                    }
                }
                if (response.status() < 500 && response.status() != 429 && response.status() != 404) {
                    throw new AssertionError("refused: " + response.status() + " " + response.body());
                }
            } catch (UncheckedIOException e) {
                // the gateway is being restarted
            }
            sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("no answer in 3 minutes");
    }

    private static boolean imageListed(String pipeline, String digest) {
        return gateway.getWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline + "/images?size=100")
                .body().contains(digest);
    }

    private static JsonNode latestRequestOf(String pipeline, String digest) {
        for (JsonNode image : gateway.getWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline
                + "/images?size=100").json()) {
            if (image.path("digest").asString().equals(digest) && image.path("latestRequest").isObject()) {
                return image.path("latestRequest");
            }
        }
        return null;
    }

    private static String latestRequestId(String pipeline, String digest) {
        JsonNode request = latestRequestOf(pipeline, digest);
        return request == null ? null : request.path("id").asString();
    }

    private static List<JsonNode> deploymentsOf(String pipeline, String digest) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode deployment : gateway.getWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline
                + "/deployments?size=100").json()) {
            if (deployment.path("image").path("digest").asString().equals(digest)) {
                found.add(deployment);
            }
        }
        return found;
    }

    private static String healthyDeploymentOf(String pipeline, String digest) {
        return deploymentsOf(pipeline, digest).stream().filter(d -> d.path("status").asString().equals("HEALTHY"))
                .map(d -> d.path("id").asString()).findFirst().orElse(null);
    }

    private static void awaitMailOfEveryFlow() {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (Flow flow : finished) {
                assertThat(mailsTo("bob@example.com", "Approval requested: payments " + flow.tag() + " to " + flow.tag()))
                        .as("mail for " + flow.tag()).isNotEmpty();
            }
        });
    }

    /** One approval used by one healthy deployment per image, and one mail per approver: nothing doubled. */
    private static void assertNothingDoubled() {
        sleep(Duration.ofSeconds(3)); // time for a duplicate, were there one, to show up
        for (Flow flow : finished) {
            List<JsonNode> deployments = deploymentsOf(flow.pipeline(), flow.digest());
            assertThat(deployments.stream().filter(d -> !d.path("status").asString().equals("REJECTED")))
                    .as("deployments of " + flow.tag()).hasSize(1);
            assertThat(deployments.stream().filter(d -> d.path("status").asString().equals("HEALTHY")))
                    .as("healthy deployments of " + flow.tag()).hasSize(1);
            JsonNode request = gateway.getWithAuthorization(bearer("alice"), "/api/approval-requests/"
                    + flow.requestId()).json();
            assertThat(request.path("status").asString()).as("used by its deployment").isEqualTo("CONSUMED");
            assertThat(request.path("approvals").asInt()).as("approvals of " + flow.tag()).isEqualTo(1);
            // a service killed between the SMTP send and the recorded outcome sends the mail again: as the same
            // message (one Message-ID), which is what "one mail per recipient and event" means to a mail client
            assertThat(messageIdsTo("bob@example.com", "Approval requested: payments " + flow.tag() + " to "
                    + flow.tag())).as("mails for " + flow.tag()).hasSize(1);
        }
    }

    /** The Message-IDs of the mails to {@code to} with this subject: a mail sent again keeps its id. */
    private static Set<String> messageIdsTo(String to, String subject) {
        return mailsTo(to, subject).stream().map(mail -> mail.path("messageId").asString())
                .collect(Collectors.toSet());
    }

    private static List<JsonNode> mailsTo(String to, String subject) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode mail : inbox.get(null, "/api/messages").json()) {
            if (mail.path("subject").asString().equals(subject) && mail.path("to").toString().contains(to)) {
                found.add(mail);
            }
        }
        return found;
    }

    private static void awaitBackendReadiness(boolean ready) {
        for (String service : BACKEND_SERVICES) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(RunningSystem.isReady(system.ports.get(service))).as(service + " ready")
                            .isEqualTo(ready));
        }
    }

    private static String bearer(String user) {
        return "Bearer " + TestTokens.forUser(user);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
