package dev.shipgate.notification.it;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ApprovalCancelled;
import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ApprovalReopened;
import dev.shipgate.contracts.events.ApprovalRejected;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.notification.delivery.application.Mailer;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.ServiceTestProperties;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLDecoder;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** notification-service against the real broker, database and SMTP server, reading the mail that arrived. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// its own context, closed after the class: two live contexts would share the consumer groups' partitions, and
// one's access events would reach the other's database
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationIT {

    static final LocalInfra INFRA = SharedInfra.get();
    static TopicWatcher topics;

    @LocalServerPort
    int port;
    @Autowired
    Mailer mailer;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, INFRA, KafkaAccess.NOTIFICATION, "notification");
        registry.add("spring.mail.port", INFRA::smtpPort);
        registry.add("shipgate.mail.first-retry", () -> "PT0.5S");
        registry.add("shipgate.mail.max-attempts", () -> "30");
        registry.add("shipgate.mail.poll", () -> "PT0.3S");
        // no full read of due mail after the first pass: mail queued or retried must be found by its id
        registry.add("shipgate.mail.full-read-interval", () -> "PT1H");
    }

    @BeforeAll
    static void people() {
        topics = new TopicWatcher(INFRA, List.of(Topics.APPROVALS));
        for (String user : List.of("alice", "bob", "carol")) {
            topics.publish(new UserAccessChanged(user, user + "@example.com", user, true, List.of(),
                    List.of(new RoleBinding("VIEW", "shop", "payments", "*"))));
        }
        topics.publish(new UserAccessChanged("erin", "erin@example.com", "erin", true, List.of(),
                List.of(new RoleBinding("VIEW", "shop", "billing", "*"))));
        topics.publish(new UserAccessChanged("dave", "dave@example.com", "dave", true, List.of(),
                List.of(new RoleBinding("SUPER_ADMIN", "*", "*", "*"))));
    }

    @AfterAll
    static void close() {
        topics.close();
    }

    @BeforeEach
    void emptyInbox() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(INFRA.inboxUrl() + "/api/messages"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    @Test
    void each_approver_gets_one_mail_in_html_and_text_with_everything_typed_escaped() {
        String requestId = "ar-" + UUID.randomUUID();
        PipelineImage image = new PipelineImage("pl-1", "payments", "prod", "sha256:9f8e7d", "1.0<img src=x>");
        EventEnvelope<?> requested = topics.publish(new ApprovalRequested(requestId, image, "alice",
                List.of("bob", "carol"), 2, "<script>steal()</script> & thanks", Instant.now().plusSeconds(3600)));
        topics.publish(requested); // delivered twice

        JsonNode toBob = awaitMail("bob@example.com", requestId);
        JsonNode toCarol = awaitMail("carol@example.com", requestId);
        assertThat(toBob.path("subject").asString()).isEqualTo("Approval requested: payments 1.0<img src=x> to prod");
        String html = toBob.path("html").asString();
        assertThat(html).contains("payments", "prod", "sha256:9f8e7d", "alice",
                        "&lt;script&gt;steal()&lt;/script&gt; &amp; thanks", "1.0&lt;img src")
                .doesNotContain("<script>", "<img src=x>");
        String text = toBob.path("text").asString();
        assertThat(text).contains("Application: payments", "Environment: prod", "Image tag: 1.0<img src=x>",
                "Digest: sha256:9f8e7d", "Requested by: alice", "<script>steal()</script> & thanks",
                "/#/approve/" + requestId + "?link=");
        assertThat(linkOf(toBob)).isNotEqualTo(linkOf(toCarol));

        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> mails("bob@example.com", requestId).size() == 1);
        assertThat(http().get("dave", "/api/notifications/deliveries?eventId=" + requested.id()).json().size())
                .isEqualTo(2);
        // the log pages like the other lists: the total, and a cursor to the next page until the last one
        Http.Response first = http().get("dave", "/api/notifications/deliveries?size=1&eventId=" + requested.id());
        assertThat(first.header("X-Total-Count")).isEqualTo("2");
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("<([^>]+)>; rel=\"next\"")
                .matcher(first.header("Link"));
        assertThat(next.find()).as(first.header("Link")).isTrue();
        assertThat(next.group(1)).contains("cursor=").doesNotContain("page=");
        Http.Response second = http().get("dave", next.group(1));
        assertThat(second.header("Link")).as("the last page").isNull();
        assertThat(java.util.List.of(first.json().get(0).path("recipient").asString(),
                second.json().get(0).path("recipient").asString()))
                .containsExactlyInAnyOrder("bob", "carol");
    }

    /** Issue 15, item 2: the contact replica knows a user by the canonical id, however the events spell it. */
    @Test
    void an_approver_named_in_another_spelling_than_their_access_event_gets_the_mail() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String address = "grace-" + suffix + "@example.com";
        topics.publish(new UserAccessChanged("GRACE-" + suffix.toUpperCase(), address, "Grace", true, List.of(),
                List.of(new RoleBinding("VIEW", "shop", "payments", "*"))));
        String requestId = "ar-" + UUID.randomUUID();

        // the access event may be read after the request: ask again until the replica has it
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            topics.publish(new ApprovalRequested(requestId, new PipelineImage("pl-1", "payments", "prod",
                    "sha256:77", "7.7"), "alice", List.of(" grace-" + suffix + " "), 1, null,
                    Instant.now().plusSeconds(3600)));
            assertThat(mails(address, requestId)).isNotEmpty();
        });
    }

    @Test
    void an_approve_link_opens_its_request_once_for_its_approver_only() {
        String requestId = "ar-" + UUID.randomUUID();
        topics.publish(new ApprovalRequested(requestId, new PipelineImage("pl-1", "payments", "prod", "sha256:11",
                "2.0.0"), "alice", List.of("bob"), 1, null, Instant.now().plusSeconds(3600)));
        String token = linkOf(awaitMail("bob@example.com", requestId));

        Http.Response forged = http().post("bob", "/api/notifications/approval-links/redeem",
                Map.of("token", token.substring(0, token.length() - 3) + "abc"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.reason()).isEqualTo("LINK_FORGED");
        String altered = alterRequestId(token);
        assertThat(http().post("bob", "/api/notifications/approval-links/redeem", Map.of("token", altered))
                .reason()).isEqualTo("LINK_FORGED");
        assertThat(http().post("carol", "/api/notifications/approval-links/redeem", Map.of("token", token))
                .reason()).isEqualTo("LINK_NOT_YOUR_LINK");

        Http.Response opened = http().post("bob", "/api/notifications/approval-links/redeem", Map.of("token", token));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().path("requestId").asString()).isEqualTo(requestId);
        // the receipt the UI sends with the vote, which approval-service checks with the same derived key
        var receipt = new dev.shipgate.support.security.LinkReceipts(dev.shipgate.testing.TestTokens.SECRET)
                .verify(opened.json().path("receipt").asString());
        assertThat(receipt).contains(new dev.shipgate.support.security.LinkReceipts.Receipt(requestId, "bob",
                opened.json().path("linkId").asString()));
        Http.Response reused = http().post("bob", "/api/notifications/approval-links/redeem", Map.of("token", token));
        assertThat(reused.status()).isEqualTo(410);
        assertThat(reused.reason()).isEqualTo("LINK_ALREADY_USED");
    }

    @Test
    void with_the_smtp_server_down_mail_waits_and_then_every_mail_arrives_once() throws Exception {
        INFRA.mail().stop();
        List<String> requests = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                String requestId = "ar-" + UUID.randomUUID();
                requests.add(requestId);
                topics.publish(new ImageApproved(requestId, new PipelineImage("pl-1", "payments", "prod",
                        "sha256:22", "3.0." + i), "alice", List.of("bob"), Instant.now().plusSeconds(60)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode log = http().get("alice", "/api/notifications/deliveries?status=PENDING").json();
                int retried = 0;
                for (JsonNode delivery : log) {
                    retried += delivery.path("attempts").asInt() > 0 && !delivery.path("lastError").isNull() ? 1 : 0;
                }
                return retried >= 5;
            });
        } finally {
            INFRA.mail().start();
            INFRA.awaitMail();
        }
        for (int i = 0; i < requests.size(); i++) {
            awaitMail("alice@example.com", "Approved: payments 3.0." + i + " to prod");
        }
        Thread.sleep(2000);
        assertThat(allMails()).filteredOn(m -> m.path("subject").asString().startsWith("Approved: payments 3.0."))
                .hasSize(5);
        assertThat(http().get("alice", "/api/notifications/deliveries?status=PENDING").json().size()).isZero();
    }

    @Test
    void deployment_mail_goes_to_the_people_subscribed_to_that_pipeline_and_event() {
        String pipeline = prodPipelineWithSubscriber("carol", "SUCCEEDED", "FAILED");
        assertThat(http().put("bob", "/api/notifications/subscriptions/" + pipeline,
                Map.of("events", List.of("STARTED"))).status()).isEqualTo(200);
        assertThat(http().put("erin", "/api/notifications/subscriptions/" + pipeline,
                Map.of("events", List.of("SUCCEEDED"))).reason()).as("erin may not see payments")
                .isEqualTo("UNKNOWN_PIPELINE");
        PipelineImage image = new PipelineImage(pipeline, "payments", "prod", "sha256:33", "4.0.0");

        topics.publish(new DeploymentStatusChanged("dp-1", image, "alice", "HEALTHY", "all replicas available",
                Instant.now()));

        JsonNode mail = awaitMail("carol@example.com", "Deployment succeeded: payments 4.0.0 to prod");
        assertThat(mail.path("text").asString()).contains("all replicas available", "/#/pipelines/" + pipeline);
        assertThat(mails("bob@example.com", "Deployment succeeded")).isEmpty();
    }

    @Test
    void a_rejection_a_cancellation_an_expiry_a_reopening_and_a_deployment_start_or_failure_each_reach_the_people_concerned() {
        String pipeline = prodPipelineWithSubscriber("bob", "STARTED", "FAILED");
        PipelineImage image = new PipelineImage(pipeline, "payments", "prod", "sha256:55", "6.0");
        String cancelled = "ar-" + UUID.randomUUID();
        topics.publish(new ApprovalRequested(cancelled, image, "alice", List.of("carol"), 1, null,
                Instant.now().plusSeconds(3600)));
        awaitMail("carol@example.com", cancelled);

        topics.publish(new ApprovalCancelled(cancelled, image, "alice", "alice"));
        topics.publish(new ApprovalRejected("ar-" + UUID.randomUUID(), image, "alice", "carol", "not now"));
        topics.publish(new ApprovalExpired("ar-" + UUID.randomUUID(), image, "alice", null, "lifetime ended"));
        topics.publish(new ApprovalReopened("ar-" + UUID.randomUUID(), image, "alice",
                "no longer meets the pipeline's policy: 1 of 2 required approvals count", List.of("bob"), 2));
        topics.publish(new DeploymentStatusChanged("dp-5", image, "alice", "PROGRESSING", "rolling out",
                Instant.now()));
        topics.publish(new DeploymentStatusChanged("dp-5", image, "alice", "FAILED", "image pull failed",
                Instant.now()));

        awaitMail("carol@example.com", "Cancelled: payments 6.0 to prod");
        awaitMail("alice@example.com", "Rejected: payments 6.0 to prod");
        awaitMail("alice@example.com", "Expired: payments 6.0 to prod");
        awaitMail("alice@example.com", "Approval reopened: payments 6.0 to prod");
        awaitMail("bob@example.com", "Deployment started: payments 6.0 to prod");
        awaitMail("bob@example.com", "Deployment failed: payments 6.0 to prod");
    }

    @Test
    void a_subscriber_who_loses_access_to_the_pipeline_gets_no_more_deployment_mail() throws Exception {
        String pipeline = "pl-" + UUID.randomUUID();
        topics.publish(new PipelineConfigured(pipeline, "shop", "payments", "qa", "simulated", 1, List.of(),
                3600, null, false, "MANUAL", false));
        topics.publish(new UserAccessChanged("frank", "frank@example.com", "frank", true, List.of(),
                List.of(new RoleBinding("VIEW", "shop", "payments", "qa"))));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http().put("frank",
                "/api/notifications/subscriptions/" + pipeline, Map.of("events", List.of("SUCCEEDED"))).status()
                == 200);
        topics.publish(new UserAccessChanged("frank", "frank@example.com", "frank", true, List.of(), List.of()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http().get("frank",
                "/api/notifications/subscriptions/" + pipeline).status() == 404);

        topics.publish(new DeploymentStatusChanged("dp-2", new PipelineImage(pipeline, "payments", "qa",
                "sha256:34", "4.1.0"), "alice", "HEALTHY", "done", Instant.now()));
        Thread.sleep(3000);
        assertThat(mails("frank@example.com", "Deployment succeeded: payments 4.1.0 to qa")).isEmpty();
    }

    @Test
    void only_a_super_admin_sees_and_changes_the_smtp_settings_and_the_password_never_comes_back() {
        assertThat(http().get("alice", "/api/notifications/settings/smtp").status()).isEqualTo(403);

        Http.Response saved = http().put("dave", "/api/notifications/settings/smtp", Map.of("host", "127.0.0.1",
                "port", INFRA.smtpPort(), "username", "", "password", "s3cret-value", "startTls", false,
                "from", "releases@example.com"));

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("s3cret-value").contains("\"passwordSet\":true");
        assertThat(http().get("dave", "/api/notifications/settings/smtp").body()).doesNotContain("s3cret-value");
        String requestId = "ar-" + UUID.randomUUID();
        topics.publish(new ImageApproved(requestId, new PipelineImage("pl-1", "payments", "prod", "sha256:44", "5.0"),
                "alice", List.of("bob"), Instant.now()));
        assertThat(awaitMail("alice@example.com", "Approved: payments 5.0").path("from").toString())
                .contains("releases@example.com");
    }

    /** A new payments pipeline to prod, once notification-service knows it, with one subscriber to these events. */
    private String prodPipelineWithSubscriber(String user, String... events) {
        String pipeline = "pl-" + UUID.randomUUID();
        topics.publish(new PipelineConfigured(pipeline, "shop", "payments", "prod", "simulated", 1, List.of(),
                3600, null, false, "MANUAL", false));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http().put(user,
                "/api/notifications/subscriptions/" + pipeline, Map.of("events", List.of(events))).status() == 200);
        return pipeline;
    }

    // --- reading the inbox ---------------------------------------------------------------------------------

    private static String linkOf(JsonNode mail) {
        Matcher matcher = Pattern.compile("\\?link=([A-Za-z0-9_.-]+)").matcher(mail.path("text").asString());
        assertThat(matcher.find()).isTrue();
        return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    private static String alterRequestId(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        String forgedPayload = "ar-other" + payload.substring(payload.indexOf('|'));
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forgedPayload.getBytes(
                StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
    }

    /** A delivery sent again (a crash between the SMTP send and its recorded outcome) is the same message. */
    @Test
    void a_delivery_sent_twice_goes_out_as_one_message_by_its_message_id() {
        String subject = "Same message " + UUID.randomUUID();
        Delivery delivery = Delivery.pending("ev-" + UUID.randomUUID(), "ApprovalRequested", "grace",
                "grace-resend@example.com", subject, "<p>resent</p>", "resent", Instant.now());

        assertThat(mailer.send(List.of(delivery))).isEmpty();
        assertThat(mailer.send(List.of(delivery))).isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mails("grace-resend@example.com", subject)
                .size() == 2);
        List<String> ids = mails("grace-resend@example.com", subject).stream()
                .map(mail -> mail.path("messageId").asString()).distinct().toList();
        assertThat(ids).hasSize(1);
        assertThat(ids.get(0)).matches("<[0-9a-f-]{36}@shipgate>");
    }

    private static JsonNode awaitMail(String to, String... contained) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !mails(to, contained).isEmpty());
        return mails(to, contained).get(0);
    }

    private static List<JsonNode> mails(String to, String... contained) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode mail : allMails()) {
            String all = mail.toString();
            if (mail.path("to").toString().contains(to) && java.util.Arrays.stream(contained).allMatch(all::contains)) {
                found.add(mail);
            }
        }
        return found;
    }

    private static List<JsonNode> allMails() {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(INFRA.inboxUrl()
                    + "/api/messages")).build(), HttpResponse.BodyHandlers.ofString()).body();
            List<JsonNode> mails = new ArrayList<>();
            JsonMapper.builder().build().readTree(body).forEach(mails::add);
            return mails;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
