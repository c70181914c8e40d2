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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployment windows through HTTP (issue 18), against the real broker and database: a deploy inside a blackout is a
 * 409 problem with the window's message and {@code nextOpening}, waiting or not; windows are changed only by those
 * who may change the pipeline's settings; a bad rule or zone is a 400 naming the field.
 */
// its own context, closed after the class: two live contexts would share the consumer groups' partitions, and
// the access events one of them waits for could reach the other
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "shipgate.deploy.max-wait=PT3S")
class WindowAnswersIT {

    static final LocalInfra INFRA = SharedInfra.get();
    static TopicWatcher topics;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ADMIN = "win-admin-" + RUN;
    private static final String DEPLOYER = "win-dev-" + RUN;

    @LocalServerPort
    int port;

    private String pipeline;
    private String environment;
    private String digest;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        DeployServiceInfra.register(registry);
    }

    @BeforeAll
    static void grant() {
        topics = new TopicWatcher(INFRA, List.of(Topics.DEPLOYMENTS));
        topics.publish(new UserAccessChanged(ADMIN, ADMIN + "@example.com", "Admin", true, List.of(),
                List.of(new RoleBinding("ADMIN", "shop", "payments", "*"))));
        topics.publish(new UserAccessChanged(DEPLOYER, DEPLOYER + "@example.com", "Dev", true, List.of(),
                List.of(new RoleBinding("BUILD_AND_DEPLOY", "shop", "payments", "*"))));
    }

    @AfterAll
    static void stopWatching() {
        topics.close();
    }

    @BeforeEach
    void pipelineAndImage() {
        environment = "env-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response[] created = new Http.Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> { // access reaches the replica
            created[0] = http().post(ADMIN, "/api/pipelines", Map.of("project", "shop", "application", "payments",
                    "environment", environment, "target", "simulated", "requiredApprovals", 1,
                    "approverMayDeploy", false, "trigger", "MANUAL"));
            assertThat(created[0].status()).as(created[0].body()).isEqualTo(201);
        });
        pipeline = created[0].json().path("id").asString();
        digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        topics.publish(new ImageBuilt(digest, "registry.local/payments", "1." + RUN, "abc123", "payments",
                "ci-bot", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !"UNKNOWN_IMAGE".equals(http().post(DEPLOYER,
                "/api/pipelines/" + pipeline + "/deployments", Map.of("imageDigest", digest)).reason()));
    }

    private Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    /** A blackout from today 00:00 UTC to tomorrow 00:00 UTC: it holds now and opens at the next UTC midnight. */
    private static Map<String, Object> blackoutToday(String message) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return new HashMap<>(Map.of("kind", "BLACKOUT", "recurrence", "FREQ=DAILY", "duration", "P1D",
                "timeZone", "UTC", "startDate", today.toString(), "endDate", today.toString(), "message", message));
    }

    private static String tomorrowMidnight() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
    }

    @Test
    void a_deploy_inside_a_blackout_is_refused_with_the_message_and_the_next_opening_waiting_or_not() {
        Http.Response window = http().post(ADMIN, "/api/pipelines/" + pipeline + "/windows",
                blackoutToday("Payments freeze <b>today</b>"));
        assertThat(window.status()).as(window.body()).isEqualTo(201);

        for (String path : List.of("/deployments", "/deployments?wait=PT2S")) {
            Http.Response refused = http().post(DEPLOYER, "/api/pipelines/" + pipeline + path,
                    Map.of("imageDigest", digest));
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.reason()).isEqualTo("DEPLOY_WINDOW_CLOSED");
            assertThat(refused.json().path("detail").asString()).startsWith("Payments freeze <b>today</b>");
            assertThat(refused.json().path("nextOpening").asString()).isEqualTo(tomorrowMidnight());
            assertThat(refused.json().path("windowId").asString()).isEqualTo(window.json().path("id").asString());
        }
        assertThat(http().get(DEPLOYER, "/api/pipelines/" + pipeline + "/windows").json().size()).isEqualTo(1);

        Http.Response removed = http().delete(ADMIN, "/api/pipelines/" + pipeline + "/windows/"
                + window.json().path("id").asString());
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(http().post(DEPLOYER, "/api/pipelines/" + pipeline + "/deployments",
                Map.of("imageDigest", digest)).status()).isEqualTo(202);
    }

    @Test
    void a_policy_on_the_environment_holds_the_pipeline_and_only_admins_of_its_scope_set_it() {
        Map<String, Object> policy = blackoutToday("environment freeze");
        policy.putAll(Map.of("project", "shop", "application", "*", "environment", environment));
        Http.Response tooWide = http().post(ADMIN, "/api/deployment-windows", policy); // ADMIN has shop/payments only
        assertThat(tooWide.status()).as(tooWide.body()).isEqualTo(403);

        policy.put("application", "payments");
        Http.Response created = http().post(ADMIN, "/api/deployment-windows", policy);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Response refused = http().post(DEPLOYER, "/api/pipelines/" + pipeline + "/deployments",
                Map.of("imageDigest", digest));
        assertThat(refused.reason()).isEqualTo("DEPLOY_WINDOW_CLOSED");
        assertThat(refused.json().path("nextOpening").asString()).isEqualTo(tomorrowMidnight());

        assertThat(http().delete(DEPLOYER, "/api/deployment-windows/" + created.json().path("id").asString())
                .status()).isEqualTo(403);
        assertThat(http().delete(ADMIN, "/api/deployment-windows/" + created.json().path("id").asString())
                .status()).isEqualTo(204);
    }

    @Test
    void only_who_may_change_the_pipeline_sets_its_windows_and_a_bad_rule_or_zone_names_its_field() {
        Http.Response notAdmin = http().post(DEPLOYER, "/api/pipelines/" + pipeline + "/windows",
                blackoutToday("x"));
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.reason()).isEqualTo("NOT_ALLOWED_TO_CONFIGURE");

        Map<String, Object> badRule = blackoutToday("x");
        badRule.put("recurrence", "EVERY SATURDAY");
        Http.Response rule = http().post(ADMIN, "/api/pipelines/" + pipeline + "/windows", badRule);
        assertThat(rule.status()).isEqualTo(400);
        assertThat(rule.contentType()).contains("application/problem+json");
        assertThat(rule.json().path("field").asString()).isEqualTo("recurrence");

        Map<String, Object> badZone = blackoutToday("x");
        badZone.put("timeZone", "Europe/Atlantis");
        Http.Response zone = http().post(ADMIN, "/api/pipelines/" + pipeline + "/windows", badZone);
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.json().path("field").asString()).isEqualTo("timeZone");
        assertThat(http().get(ADMIN, "/api/pipelines/" + pipeline + "/windows").json().size()).isZero();
    }
}
