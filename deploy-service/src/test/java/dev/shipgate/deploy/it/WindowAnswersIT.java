package dev.shipgate.deploy.it;

import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.testing.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "shipgate.deploy.max-wait=PT3S")
class WindowAnswersIT extends DeployServiceTestBase {

    private static final String ADMIN = "win-admin-" + RUN;
    private static final String DEPLOYER = "win-dev-" + RUN;

    private String pipeline;
    private String environment;
    private String digest;

    @BeforeAll
    static void grantUsers() {
        grant(ADMIN, "ADMIN");
        grant(DEPLOYER, "BUILD_AND_DEPLOY");
    }

    @BeforeEach
    void pipelineAndImage() {
        environment = "env-" + UUID.randomUUID().toString().substring(0, 8);
        pipeline = createPipeline(ADMIN, environment);
        digest = publishImage();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !"UNKNOWN_IMAGE".equals(http().post(DEPLOYER,
                "/api/pipelines/" + pipeline + "/deployments", Map.of("imageDigest", digest)).reason()));
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

    /**
     * A change decided on an older read of the pipeline (a form opened before someone else's change) is refused as
     * PIPELINE_CHANGED instead of writing back the settings it never showed; one decided on the current version, and
     * one that names no version, are kept.
     */
    @Test
    void a_change_decided_on_an_older_read_is_refused_and_one_on_the_current_version_is_kept() {
        long read = http().get(ADMIN, "/api/pipelines/" + pipeline).json().path("version").asLong();
        Map<String, Object> body = new HashMap<>(Map.of("project", "shop", "application", "payments",
                "environment", environment, "target", "simulated", "requiredApprovals", 3,
                "approverMayDeploy", false, "trigger", "MANUAL", "version", read));
        Http.Response raised = http().put(ADMIN, "/api/pipelines/" + pipeline, body);
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);

        body.put("requiredApprovals", 1); // the form opened before the change above, still holding its version
        Http.Response stale = http().put(ADMIN, "/api/pipelines/" + pipeline, body);
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.contentType()).contains("application/problem+json");
        assertThat(stale.reason()).isEqualTo("PIPELINE_CHANGED");
        JsonNode current = http().get(ADMIN, "/api/pipelines/" + pipeline).json();
        assertThat(current.path("approval").path("requiredApprovals").asInt()).isEqualTo(3);

        body.put("version", current.path("version").asLong());
        assertThat(http().put(ADMIN, "/api/pipelines/" + pipeline, body).status()).isEqualTo(200);
        body.remove("version");
        body.put("requiredApprovals", 2);
        assertThat(http().put(ADMIN, "/api/pipelines/" + pipeline, body).status()).as("no version: last write wins")
                .isEqualTo(200);
        assertThat(http().get(ADMIN, "/api/pipelines/" + pipeline).json().path("approval").path("requiredApprovals")
                .asInt()).isEqualTo(2);
    }

    /** Issue 19: the reminder plan is a field of the pipeline, checked when written, shown in its GET. */
    @Test
    void a_reminder_plan_is_kept_and_shown_and_a_value_out_of_its_limits_or_an_unknown_group_names_its_field() {
        String group = "fallback-" + RUN;
        topics.publish(new UserAccessChanged("member-" + RUN, "m@example.com", "m", true, List.of(group), List.of()));
        Map<String, Object> body = new HashMap<>(Map.of("project", "shop", "application", "payments",
                "environment", environment, "target", "simulated", "requiredApprovals", 1,
                "approverMayDeploy", false, "trigger", "MANUAL"));

        for (var bad : List.of(Map.entry(Map.of("remindAfter", "PT59S"), "reminders.remindAfter"),
                Map.entry(Map.of("remindEvery", "P31D"), "reminders.remindEvery"),
                Map.entry(Map.of("maxReminders", 11), "reminders.maxReminders"),
                Map.entry(Map.of("escalateAfter", "PT-1H"), "reminders.escalateAfter"),
                Map.entry(Map.of("remindAfter", "four hours"), "reminders.remindAfter"),
                Map.entry(Map.of("maxReminders", "three"), "reminders.maxReminders"), // as the form sends a typo
                Map.entry(Map.of("fallbackGroup", "nobody-" + RUN), "reminders.fallbackGroup"))) {
            body.put("reminders", bad.getKey());
            Http.Response refused = http().put(ADMIN, "/api/pipelines/" + pipeline, body);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.json().path("field").asString()).as(refused.body()).isEqualTo(bad.getValue());
        }

        body.put("reminders", Map.of("remindAfter", "PT1H", "maxReminders", 3, "escalateAfter", "P1D",
                "fallbackGroup", group));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http().put(ADMIN, "/api/pipelines/" + pipeline, body).status()).isEqualTo(200));
        JsonNode shown = http().get(DEPLOYER, "/api/pipelines/" + pipeline).json().path("reminders");
        assertThat(shown.path("remindAfter").asString()).isEqualTo("PT1H");
        assertThat(shown.path("maxReminders").asInt()).isEqualTo(3);
        assertThat(shown.path("escalateAfter").asString()).isEqualTo("PT24H");
        assertThat(shown.path("fallbackGroup").asString()).isEqualTo(group);
        assertThat(shown.path("remindEvery").isNull()).as("left out: the installation's default").isTrue();

        body.put("reminders", Map.of("remindAfter", "PT2H"));
        Http.Response notAdmin = http().put(DEPLOYER, "/api/pipelines/" + pipeline, body);
        assertThat(notAdmin.status()).isEqualTo(403);

        // the group's one member leaves: it may not be named anew, but the pipeline that names it still changes
        topics.publish(new UserAccessChanged("member-" + RUN, "m@example.com", "m", true, List.of(), List.of()));
        Map<String, Object> naming = new HashMap<>(body);
        naming.put("reminders", Map.of("fallbackGroup", group));
        naming.put("environment", "other-" + RUN);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "reminders.fallbackGroup".equals(http()
                .post(ADMIN, "/api/pipelines", naming).json().path("field").asString()));
        body.put("reminders", Map.of("remindAfter", "PT1H", "maxReminders", 3, "escalateAfter", "P1D",
                "fallbackGroup", group));
        body.put("requiredApprovals", 2);
        Http.Response kept = http().put(ADMIN, "/api/pipelines/" + pipeline, body);
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
    }
}
