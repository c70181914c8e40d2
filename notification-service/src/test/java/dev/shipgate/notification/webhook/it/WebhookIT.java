package dev.shipgate.notification.webhook.it;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound webhooks against the real broker and database, sending to a real HTTP receiver started here. The receiver
 * is on 127.0.0.1: the test's settings allow-list {@code localhost} by name, as an administrator would; every other
 * internal address stays refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// its own context, closed after the class: two live contexts would share the consumer groups' partitions, and
// one's access events would reach the other's database
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WebhookIT {

    static final LocalInfra INFRA = SharedInfra.get();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TopicWatcher topics;
    static Receiver receiver;

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", INFRA::kafkaBootstrap);
        registry.add("shipgate.kafka.username", () -> KafkaAccess.NOTIFICATION);
        registry.add("shipgate.kafka.password", () -> INFRA.kafkaPassword(KafkaAccess.NOTIFICATION));
        registry.add("spring.mongodb.uri", INFRA::mongoUri);
        registry.add("spring.mongodb.database", () -> "notification-test-" + UUID.randomUUID());
        registry.add("spring.mail.port", INFRA::smtpPort);
        registry.add("shipgate.security.secret", () -> TestTokens.SECRET);
        registry.add("shipgate.ui.base-url", () -> "https://shipgate.example.com");
        registry.add("shipgate.webhooks.allowed-destinations", () -> "localhost");
        registry.add("shipgate.webhooks.max-attempts", () -> "3");
        registry.add("shipgate.webhooks.first-retry", () -> "PT0.2S");
        registry.add("shipgate.webhooks.max-retry-pause", () -> "PT0.3S");
        registry.add("shipgate.webhooks.timeout", () -> "PT1S");
        registry.add("shipgate.webhooks.pause-after", () -> "2");
        registry.add("shipgate.webhooks.poll", () -> "PT0.2S");
        registry.add("logging.structured.format.console", () -> "");
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
        topics = new TopicWatcher(INFRA, List.of(Topics.APPROVALS));
        topics.publish(new UserAccessChanged("wh-owner", "wh-owner@example.com", "Owner", true, List.of(),
                List.of(new RoleBinding("VIEW", "shop", "payments", "*"))));
        topics.publish(new UserAccessChanged("wh-other", "wh-other@example.com", "Other", true, List.of(),
                List.of(new RoleBinding("VIEW", "shop", "billing", "*"))));
    }

    @AfterAll
    static void stop() {
        topics.close();
        receiver.close();
    }

    Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    @Test
    void the_receiver_gets_the_signed_cloudevent_and_refuses_it_tampered_or_replayed_late() {
        String pipeline = paymentsPipeline();
        String path = "/ok/" + UUID.randomUUID();
        JsonNode created = subscribe(pipeline, path, "CLOUDEVENTS", List.of("ApprovalRequested"));
        String secret = created.path("secret").asString();
        assertThat(secret).startsWith("whsec_");

        EventEnvelope<?> event = topics.publish(request(pipeline, "please & <thanks>"));

        Receiver.Received got = awaitRequests(path, 1).get(0);
        StandardWebhooksReceiver check = new StandardWebhooksReceiver(secret);
        String id = got.header("webhook-id");
        String timestamp = got.header("webhook-timestamp");
        String signature = got.header("webhook-signature");
        assertThat(check.accepts(id, timestamp, signature, got.body(), Instant.now())).isTrue();
        assertThat(got.header("content-type")).startsWith("application/cloudevents+json");
        JsonNode body = JSON.readTree(got.body());
        assertThat(body.path("specversion").asString()).isEqualTo("1.0");
        assertThat(body.path("id").asString()).isEqualTo(event.id()).isEqualTo(id);
        assertThat(body.path("type").asString()).isEqualTo("ApprovalRequested");
        assertThat(body.path("data").path("comment").asString()).isEqualTo("please & <thanks>");

        byte[] tampered = new String(got.body(), StandardCharsets.UTF_8).replace("please", "pleasf")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(check.accepts(id, timestamp, signature, tampered, Instant.now())).isFalse();
        Instant sixMinutesLater = Instant.ofEpochSecond(Long.parseLong(timestamp)).plus(Duration.ofMinutes(6));
        assertThat(check.accepts(id, timestamp, signature, got.body(), sixMinutesLater)).isFalse();
        assertThat(new StandardWebhooksReceiver(subscribe(pipeline, path + "x", "CLOUDEVENTS", List.of())
                .path("secret").asString()).accepts(id, timestamp, signature, got.body(), Instant.now())).isFalse();

        String subscription = created.path("subscription").path("id").asString();
        JsonNode log = awaitLog(subscription, "SENT");
        assertThat(log.path("attempts").asInt()).isEqualTo(1);
        assertThat(log.path("lastStatus").asInt()).isEqualTo(204);
        assertThat(http().get("wh-owner", "/api/notifications/webhooks").body()).contains(subscription)
                .doesNotContain(secret);
        // at rest the secret is sealed (issue 19): neither it nor its key bytes are in the stored document
        String stored = mongo.getCollection("webhook_subscriptions").find(new Document("_id", subscription)).first()
                .toJson();
        assertThat(stored).contains("sealed:v1:derived-").doesNotContain(secret)
                .doesNotContain(secret.substring("whsec_".length()));
    }

    @Test
    void deliveries_are_retried_after_500s_and_timeouts_then_fail_with_the_reason() {
        String pipeline = paymentsPipeline();
        String flaky = "/flaky/" + UUID.randomUUID();
        String slow = "/slow/" + UUID.randomUUID();
        String down = "/down/" + UUID.randomUUID();
        receiver.script(flaky, 500, 503, 204);
        receiver.script(slow, Receiver.SLOW, 204);
        receiver.script(down, 500);
        String flakyId = subscribe(pipeline, flaky, "CLOUDEVENTS", List.of()).path("subscription").path("id")
                .asString();
        String slowId = subscribe(pipeline, slow, "CLOUDEVENTS", List.of()).path("subscription").path("id")
                .asString();
        String downId = subscribe(pipeline, down, "CLOUDEVENTS", List.of()).path("subscription").path("id")
                .asString();

        topics.publish(request(pipeline, "retry me"));

        JsonNode flakyLog = awaitLog(flakyId, "SENT");
        assertThat(flakyLog.path("attempts").asInt()).isEqualTo(3);
        List<Receiver.Received> attempts = receiver.on(flaky);
        assertThat(attempts).hasSize(3);
        assertThat(attempts.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(400)); // 0.2 s, then 0.3 s (0.4 s capped)
        assertThat(awaitLog(slowId, "SENT").path("attempts").asInt()).isEqualTo(2);
        JsonNode failed = awaitLog(downId, "FAILED");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("lastError").asString()).contains("HTTP 500");
    }

    @Test
    void a_subscription_failing_again_and_again_is_paused_its_owner_mailed_and_a_replay_after_resuming_arrives() {
        String pipeline = paymentsPipeline();
        String path = "/down/" + UUID.randomUUID();
        receiver.script(path, 500);
        String id = subscribe(pipeline, path, "CLOUDEVENTS", List.of()).path("subscription").path("id").asString();

        topics.publish(request(pipeline, "first"));
        awaitLog(id, "FAILED");
        topics.publish(request(pipeline, "second"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http().get("wh-owner",
                "/api/notifications/webhooks/" + id).json().path("status").asString().equals("PAUSED"));
        awaitMail("wh-owner@example.com", id);
        int requestsWhenPaused = receiver.on(path).size();
        assertThat(requestsWhenPaused).isEqualTo(6); // two deliveries, three attempts each

        topics.publish(request(pipeline, "third, while paused"));
        String deliveries = "/api/notifications/webhooks/" + id + "/deliveries";
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> http().get("wh-owner", deliveries).json().size() == 2);

        receiver.script(path, 204);
        assertThat(http().post("wh-owner", "/api/notifications/webhooks/" + id + "/resume", Map.of()).json()
                .path("status").asString()).isEqualTo("ACTIVE");
        JsonNode failed = http().get("wh-owner", deliveries).json().get(0);
        String failedId = failed.path("id").asString();
        assertThat(http().post("wh-other", deliveries + "/" + failedId + "/replay", Map.of()).status())
                .isEqualTo(404);
        Http.Response replay = http().post("wh-owner", deliveries + "/" + failedId + "/replay", Map.of());
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().path("replayOf").asString()).isEqualTo(failedId);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.on(path).size() == 7);
        assertThat(receiver.on(path).get(6).header("webhook-id")).isEqualTo(failed.path("webhookId").asString());
        assertThat(awaitLog(id, "SENT").path("replayOf").asString()).isEqualTo(failedId);
        assertThat(http().get("wh-owner", deliveries + "?size=1").header("X-Total-Count")).isEqualTo("3");
    }

    @Test
    void urls_to_internal_addresses_and_pipelines_the_caller_may_not_see_are_refused() {
        String pipeline = paymentsPipeline();
        for (String url : List.of("https://10.0.0.5/hook", "https://127.0.0.1/hook", "https://[::1]/hook",
                "https://169.254.169.254/latest/meta-data", "https://[fd00::1]/hook", "https://224.0.0.1/x",
                "https://[::ffff:192.168.1.1]/hook")) {
            Http.Response refused = http().post("wh-owner", "/api/notifications/webhooks",
                    Map.of("pipelineId", pipeline, "url", url));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.reason()).as(url).isEqualTo("WEBHOOK_URL_NOT_PUBLIC");
            assertThat(refused.json().path("field").asString()).isEqualTo("url");
        }
        assertThat(http().post("wh-owner", "/api/notifications/webhooks", Map.of("pipelineId", pipeline,
                "url", "http://example.com/hook")).reason()).isEqualTo("WEBHOOK_URL_INVALID");
        Http.Response notVisible = http().post("wh-other", "/api/notifications/webhooks",
                Map.of("pipelineId", pipeline, "url", receiver.url("/ok/x")));
        assertThat(notVisible.status()).isEqualTo(404);
        assertThat(notVisible.reason()).isEqualTo("UNKNOWN_PIPELINE");
        Http.Response wholeProject = http().post("wh-owner", "/api/notifications/webhooks",
                Map.of("project", "shop", "url", receiver.url("/ok/x")));
        assertThat(wholeProject.status()).isEqualTo(404); // a view of payments is not a view of the whole shop
        String id = subscribe(pipeline, "/ok/" + UUID.randomUUID(), "CLOUDEVENTS", List.of()).path("subscription")
                .path("id").asString();
        assertThat(http().get("wh-other", "/api/notifications/webhooks/" + id).status()).isEqualTo(404);
        assertThat(http().delete("wh-other", "/api/notifications/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void slack_and_teams_channels_get_their_message_with_typed_text_escaped_and_a_button_to_the_approve_page() {
        String pipeline = paymentsPipeline();
        String slack = "/slack/" + UUID.randomUUID();
        String teams = "/teams/" + UUID.randomUUID();
        subscribe(pipeline, slack, "SLACK", List.of());
        subscribe(pipeline, teams, "TEAMS", List.of());

        ApprovalRequested requested = request(pipeline, "<!channel> [click](https://evil.example) *now*");
        topics.publish(requested);

        JsonNode slackMessage = JSON.readTree(awaitRequests(slack, 1).get(0).body());
        assertThat(slackMessage.toString()).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        assertThat(slackMessage.findValue("url").asString())
                .isEqualTo("https://shipgate.example.com/#/approve/" + requested.requestId());
        JsonNode teamsMessage = JSON.readTree(awaitRequests(teams, 1).get(0).body());
        assertThat(teamsMessage.path("attachments").get(0).path("contentType").asString())
                .isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(teamsMessage.toString()).contains("\\\\[click\\\\]").doesNotContain("[click]");
        assertThat(teamsMessage.findValue("url").asString())
                .isEqualTo("https://shipgate.example.com/#/approve/" + requested.requestId());
    }

    /**
     * Issue 19's "by mail, chat or neither": an approver connects their own Slack channel (not a CloudEvents one, not
     * an internal address), chooses approval requests by chat, and gets the next one there, escaped, with a button
     * to the approve page that carries no personal approve link, and no mail; without the channel it is mailed again.
     */
    @Test
    void a_person_gets_the_kinds_they_chose_by_chat_in_their_own_channel_and_by_mail_while_they_have_none()
            throws Exception {
        String person = "wh-chatter-" + UUID.randomUUID().toString().substring(0, 6);
        topics.publish(new UserAccessChanged(person, person + "@example.com", person, true, List.of(),
                List.of(new RoleBinding("IMAGE_APPROVER", "shop", "payments", "*"))));
        String pipeline = paymentsPipeline();
        String preferences = "/api/notifications/preferences/me";
        Map<String, Object> byChat = Map.of("choices", Map.of("APPROVAL_REQUESTS", "CHAT"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "NO_CHAT_CHANNEL".equals(http().put(person, preferences, byChat).reason()));

        String path = "/mine/" + UUID.randomUUID();
        assertThat(http().put(person, preferences + "/chat", Map.of("url", receiver.url(path), "format",
                "CLOUDEVENTS")).reason()).isEqualTo("WEBHOOK_TARGET_INVALID");
        assertThat(http().put(person, preferences + "/chat", Map.of("url", "https://10.1.2.3/hook", "format",
                "SLACK")).reason()).isEqualTo("WEBHOOK_URL_NOT_PUBLIC");
        Http.Response connected = http().put(person, preferences + "/chat", Map.of("url", receiver.url(path),
                "format", "SLACK"));
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().path("host").asString()).isEqualTo("localhost");
        java.util.concurrent.ExecutorService tabs = java.util.concurrent.Executors.newFixedThreadPool(6);
        try { // connected again from six tabs at once: each gets its answer (a remove-then-insert once gave a 500)
            List<java.util.concurrent.Callable<Http.Response>> connects = java.util.Collections.nCopies(6, () ->
                    http().put(person, preferences + "/chat", Map.of("url", receiver.url(path), "format", "SLACK")));
            for (var answer : tabs.invokeAll(connects)) {
                assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
            }
        } finally {
            tabs.shutdownNow();
        }
        assertThat(http().get(person, "/api/notifications/webhooks").body()).as("the URL is the chat's credential")
                .doesNotContain(path).contains(receiver.url("/").replaceAll("/$", "") + "/…");
        assertThat(http().put(person, preferences, byChat).status()).isEqualTo(200);
        assertThat(http().get(person, preferences).json().path("chat").path("format").asString()).isEqualTo("SLACK");

        ApprovalRequested asked = new ApprovalRequested("ar-" + UUID.randomUUID(), new PipelineImage(pipeline,
                "payments", "prod", "sha256:" + UUID.randomUUID(), "1.0"), "wh-requester", List.of(person), 1,
                "<!channel> now", Instant.now().plusSeconds(3600));
        topics.publish(asked);
        JsonNode message = JSON.readTree(awaitRequests(path, 1).get(0).body());
        assertThat(message.toString()).contains("Approval requested: payments 1.0 to prod")
                .contains("&lt;!channel&gt; now").doesNotContain("<!channel>");
        assertThat(message.findValue("url").asString())
                .isEqualTo("https://shipgate.example.com/#/approve/" + asked.requestId());

        // the chat fails (a 503, tried again, then a revoked Slack webhook's 404, not tried again): the request is
        // mailed instead, the mail held since it was queued for the chat (a required kind reaches them one way)
        receiver.script(path, 204, 503, 404, 204);
        ApprovalRequested chatGone = new ApprovalRequested("ar-" + UUID.randomUUID(), asked.image(), "wh-requester",
                List.of(person), 1, null, Instant.now().plusSeconds(3600));
        topics.publish(chatGone);
        awaitMail(person + "@example.com", chatGone.requestId());
        assertThat(receiver.on(path)).as("the first message, then the 503 tried again, then the 404 not").hasSize(3);

        assertThat(http().delete(person, preferences + "/chat").status()).isEqualTo(204);
        ApprovalRequested mailed = new ApprovalRequested("ar-" + UUID.randomUUID(), asked.image(), "wh-requester",
                List.of(person), 1, null, Instant.now().plusSeconds(3600));
        topics.publish(mailed);
        awaitMail(person + "@example.com", mailed.requestId());
        assertThat(mailsTo(person + "@example.com")).as("the chat's request was not mailed").noneMatch(mail ->
                mail.contains(asked.requestId()));
        assertThat(mailsTo(person + "@example.com").stream().filter(mail -> mail.contains(chatGone.requestId())))
                .as("mailed once").hasSize(1);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static ApprovalRequested request(String pipeline, String comment) {
        return new ApprovalRequested("ar-" + UUID.randomUUID(), new PipelineImage(pipeline, "payments", "prod",
                "sha256:" + UUID.randomUUID(), "1.0"), "wh-requester", List.of("wh-approver"), 1, comment,
                Instant.now().plusSeconds(3600));
    }

    /** A new payments pipeline, once notification-service knows it (the owner may then subscribe to it). */
    private String paymentsPipeline() {
        String pipeline = "pl-" + UUID.randomUUID();
        topics.publish(new PipelineConfigured(pipeline, "shop", "payments", "prod", "simulated", 1, List.of(),
                3600, null, false, "MANUAL", false));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http().get("wh-owner",
                "/api/notifications/subscriptions/" + pipeline).status() == 200);
        return pipeline;
    }

    private JsonNode subscribe(String pipeline, String path, String format, List<String> eventTypes) {
        Map<String, Object> body = new HashMap<>(Map.of("pipelineId", pipeline, "url", receiver.url(path),
                "format", format, "eventTypes", eventTypes));
        Http.Response created = http().post("wh-owner", "/api/notifications/webhooks", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static List<Receiver.Received> awaitRequests(String path, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.on(path).size() >= count);
        return receiver.on(path);
    }

    private JsonNode awaitLog(String subscription, String status) {
        String path = "/api/notifications/webhooks/" + subscription + "/deliveries";
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode log = http().get("wh-owner", path).json();
            return log.size() > 0 && log.get(0).path("status").asString().equals(status);
        });
        return http().get("wh-owner", path).json().get(0);
    }

    private static void awaitMail(String to, String contained) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(to).stream()
                .anyMatch(mail -> mail.contains(contained)));
    }

    /** Every mail in the inbox to {@code to}, as its JSON text. */
    private static List<String> mailsTo(String to) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(INFRA.inboxUrl()
                    + "/api/messages")).build(), HttpResponse.BodyHandlers.ofString()).body();
            List<String> mails = new java.util.ArrayList<>();
            for (JsonNode mail : JSON.readTree(body)) {
                if (mail.path("to").toString().contains(to)) {
                    mails.add(mail.toString());
                }
            }
            return mails;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the inbox did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the inbox", e);
        }
    }
}
