package dev.shipgate.system;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TopicWatcher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton across every service, as real processes: an image event in, an approval request through the
 * gateway, events out, an email in the SMTP server, an approval, a deployment that turns HEALTHY. Then the same
 * events again (nothing changes) and an unreadable message (parked on the dead-letter topic, the consumers go on).
 */
@ExtendWith(SharedSystem.class)
class SkeletonFlowIT {

    private static RunningSystem system;
    private static TopicWatcher topics;
    private static Http gateway;

    @BeforeAll
    static void start(RunningSystem shared) {
        system = shared;
        topics = new TopicWatcher(system.infra, List.of(Topics.APPROVALS, Topics.DEPLOYMENTS,
                Topics.deadLetterOf(Topics.APPROVALS), Topics.IMAGES));
        gateway = new Http(system.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        topics.close();
    }

    @Test
    void an_image_goes_from_ci_through_approval_and_email_to_a_healthy_deployment() {
        String alice = signIn("alice");
        String bob = signIn("bob");
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        String tag = uniqueTag("2.0.0");
        String subject = "Approval requested: payments " + tag + " to staging";
        EventEnvelope<?> built = topics.publish(new ImageBuilt(digest, "registry.local/payments", tag, "f00d",
                "payments", "ci-bot", Instant.now()));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> gatewayGet(alice,
                "/api/pipelines/payments-staging/images").body().contains(digest));
        Http.Response request = gatewayPost(alice, "/api/approval-requests", Map.of("pipelineId",
                "payments-staging", "imageDigest", digest, "approvers", List.of("bob"), "comment",
                "<script>alert(1)</script> please"));
        assertThat(request.status()).isEqualTo(201);
        String requestId = request.json().path("id").asString();
        topics.await(ApprovalRequested.class, e -> e.requestId().equals(requestId));

        JsonNode mail = awaitMail("bob@example.com", subject);
        assertThat(mail.path("html").asString()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>");
        assertThat(mail.path("text").asString()).contains("/#/approve/" + requestId + "?link=");

        assertThat(gatewayPost(alice, "/api/approval-requests/" + requestId + "/approve", null).status())
                .isEqualTo(403);
        assertThat(gatewayPost(bob, "/api/approval-requests/" + requestId + "/approve", Map.of("comment", "ok"))
                .json().path("status").asString()).isEqualTo("APPROVED");

        Http.Response deploy = gatewayPost(alice, "/api/pipelines/payments-staging/deployments",
                Map.of("imageDigest", digest));
        assertThat(deploy.status()).isEqualTo(202);
        String deploymentId = deploy.json().path("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "HEALTHY".equals(gatewayGet(alice,
                "/api/deployments/" + deploymentId).json().path("status").asString()));
        topics.await(DeploymentStatusChanged.class, e -> e.deploymentId().equals(deploymentId)
                && e.status().equals("HEALTHY"));
        List<String> statuses = topics.events(DeploymentStatusChanged.class,
                e -> e.deploymentId().equals(deploymentId)).stream().map(DeploymentStatusChanged::status).toList();
        assertThat(statuses).containsExactly("REQUESTED", "AUTHORIZED", "PROGRESSING", "HEALTHY");

        // the same events delivered again change nothing: no second request mail, image builder unchanged
        topics.publish(built);
        topics.send(topics.records(Topics.APPROVALS).stream()
                .filter(r -> "ApprovalRequested".equals(KafkaEventCodec.get(r.headers(), "ce_type"))
                        && requestId.equals(KafkaEventCodec.get(r.headers(), "ce_subject")))
                .map(r -> new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers()))
                .findFirst().orElseThrow());
        sleepQuietly(Duration.ofSeconds(3));
        assertThat(mails("bob@example.com", subject)).hasSize(1);
    }

    @Test
    void an_unreadable_message_is_parked_on_the_dead_letter_topic_and_consumers_go_on() {
        String garbageKey = "garbage-" + UUID.randomUUID();
        topics.send(new ProducerRecord<>(Topics.APPROVALS, garbageKey, "{not json".getBytes(StandardCharsets.UTF_8)));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> topics.records(Topics.deadLetterOf(
                Topics.APPROVALS)).stream().anyMatch(r -> garbageKey.equals(r.key())));

        // notification-service still reads the approvals topic after the bad message
        String alice = signIn("alice");
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        String tag = uniqueTag("2.1.0");
        topics.publish(new ImageBuilt(digest, "registry.local/payments", tag, "beef", "payments", "ci-bot",
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> gatewayGet(alice,
                "/api/pipelines/payments-prod/images").body().contains(digest));
        assertThat(gatewayPost(alice, "/api/approval-requests", Map.of("pipelineId", "payments-prod",
                "imageDigest", digest, "approvers", List.of("carol"))).status()).isEqualTo(201);
        awaitMail("carol@example.com", "Approval requested: payments " + tag + " to prod");
    }

    /**
     * Each service's OpenAPI document, generated from its code and served through the gateway, still serves the
     * clients of the published one (system-tests/src/test/resources/openapi; -Dshipgate.openapi.record=true writes
     * the documents of a new major version there).
     */
    @Test
    void every_service_serves_its_openapi_document_and_breaks_no_published_operation() throws Exception {
        String token = signIn("erin");
        for (String service : List.of("approval-service", "deploy-service", "notification-service")) {
            Http.Response document = gatewayGet(token, "/api/docs/" + service);
            assertThat(document.status()).as(service).isEqualTo(200);
            JsonNode current = document.json();
            assertThat(current.path("openapi").asString()).startsWith("3.");
            java.nio.file.Path published = java.nio.file.Path.of("src/test/resources/openapi", service + ".json");
            if (Boolean.getBoolean("shipgate.openapi.record")) {
                var recorded = (tools.jackson.databind.node.ObjectNode) current.deepCopy();
                recorded.remove("servers"); // the test's random port is no part of the contract
                java.nio.file.Files.writeString(published, recorded.toPrettyString());
            }
            JsonNode baseline = JsonMapper.builder().build().readTree(java.nio.file.Files.readString(published));
            assertThat(dev.shipgate.testing.ApiCompatibility.breakingChanges(baseline, current)).as(service).isEmpty();
        }
        assertThat(gatewayGet(token, "/api/docs/approval-service").body())
                .contains("/api/approval-requests/{id}/approve");
        assertThat(gateway.getWithAuthorization(null, "/api/docs/approval-service").status()).isEqualTo(401);
    }

    /** A version no other class sharing the system uses, so mails are told apart by subject. */
    private static String uniqueTag(String version) {
        return version + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String signIn(String user) {
        Http.Response token = gateway.post(null, "/api/auth/token", Map.of("username", user,
                "password", "shipgate-demo"));
        assertThat(token.status()).as("sign-in of %s", user).isEqualTo(200);
        return token.json().path("accessToken").asString();
    }

    private static Http.Response gatewayGet(String token, String path) {
        return gateway.getWithAuthorization("Bearer " + token, path);
    }

    private static Http.Response gatewayPost(String token, String path, Object body) {
        return gateway.postWithAuthorization("Bearer " + token, path, body);
    }

    private static JsonNode awaitMail(String to, String subject) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !mails(to, subject).isEmpty());
        return mails(to, subject).get(0);
    }

    private static List<JsonNode> mails(String to, String subject) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(system.infra.inboxUrl() + "/api/messages")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode mail : JsonMapper.builder().build().readTree(body)) {
                if (mail.path("subject").asString().equals(subject) && mail.path("to").toString().contains(to)) {
                    found.add(mail);
                }
            }
            return found;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
