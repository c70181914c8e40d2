package dev.shipgate.system;

import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static dev.shipgate.system.ApprovalFlows.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What comes due hours or a day later, through the gateway and the real processes, with the services' clocks moved on
 * ({@link TestClock#SHARED}) instead of waiting: set up at the start, checked two, four, eight and twenty-four
 * hours on.
 * <ul>
 *   <li>issue 18: a deploy scheduled for three hours on, whose one-hour approval expires first, is voided with its
 *   reason and the requester mailed; a break-glass review due within the hour is listed as overdue and mailed again;
 *   a role granted for an hour stops counting at its end (asked before, refused a vote and no longer asked after)
 *   and the audit says so;</li>
 *   <li>issue 19: once an approver's absence is over, requests ask them again, not their deputy; an approver who
 *   has not acted is reminded once at four hours and once more at eight (the plan's limit of two), neither earlier,
 *   the one who approved never; at twenty-four hours and not before, the request escalates to the fallback group,
 *   whose member is mailed and sees it in their pending list without being able to vote.</li>
 * </ul>
 * The installation's default plan (4 h, every 4 h, two reminders, 24 h to escalate) and review and approval times
 * are the products' own; the shared system only names the fallback group. Runs after every class that reads time
 * as it is, since time never goes back.
 */
@ExtendWith(SharedSystem.class)
@org.junit.jupiter.api.Order(SharedSystem.TIME_TRAVEL)
class TimeTravelIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static String gatewayUrl;
    private static Http gateway;
    private static ApprovalFlows flows;
    private static String run;

    @BeforeAll
    static void start(RunningSystem system) {
        gatewayUrl = system.gatewayUrl();
        gateway = new Http(gatewayUrl);
        flows = new ApprovalFlows(gateway, new Http(system.infra.inboxUrl()));
        run = UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void what_falls_due_hours_later_happens_when_the_clock_gets_there() throws Exception {
        // a deploy scheduled for three hours on, with an approval that lasts one (the default of createPipeline)
        String scheduleTag = "tt-sched-" + run;
        String scheduled = flows.createPipeline(scheduleTag, Map.of());
        String approved = flows.approvedImage(scheduled, scheduleTag);
        String schedule = ApprovalFlows.retry(() -> gateway.postWithAuthorization(bearer("alice"), "/api/pipelines/"
                + scheduled + "/schedules", Map.of("imageDigest", approved, "runAt",
                Instant.now().plus(Duration.ofHours(3)).toString())), 201).json().path("id").asString();

        // a break-glass whose review is due within the hour
        String glassTag = "tt-glass-" + run;
        String glassPipeline = flows.createPipeline(glassTag, Map.of());
        ApprovalFlows.retry(() -> gateway.putWithAuthorization(bearer("dave"), "/api/pipelines/" + glassPipeline
                + "/break-glass/policy", Map.of("allowedRole", "MANAGER", "reviewWithin", "PT1H")), 200);
        String unapproved = flows.reportImage(glassTag);
        String brokeGlass = ApprovalFlows.retry(() -> gateway.postWithAuthorization(bearer("mona"), "/api/pipelines/"
                + glassPipeline + "/break-glass/deployments", Map.of("imageDigest", unapproved, "justification",
                "checkout down", "incidentRef", "INC-7")), 201).json().path("id").asString();

        // two approvers asked, one approves; a third may approve for an hour only; a group to escalate to
        String remindTag = "tt-remind-" + run;
        String waiting = flows.createPipeline(remindTag, Map.of("requiredApprovals", 2));
        String acted = "acted-" + run;
        String idle = "idle-" + run;
        String temporary = "temp-" + run;
        String fallback = "fallback-" + run;
        person(acted, remindTag, null, List.of());
        person(idle, remindTag, null, List.of());
        person(temporary, remindTag, Instant.now().plus(Duration.ofHours(1)), List.of());
        ApprovalFlows.retry(() -> gateway.putWithAuthorization(bearer("dave"), "/api/access/groups/"
                + TestClock.FALLBACK_GROUP, Map.of("description", "TimeTravelIT", "roles", List.of())), 200);
        person(fallback, "elsewhere-" + run, null, List.of(TestClock.FALLBACK_GROUP));
        String request = askFor(waiting, flows.reportImage(remindTag), List.of(acted, idle, temporary));
        assertThat(vote(acted, request).status()).isEqualTo(200);

        // an approver away for the next hour, with a deputy (DelegationIT shows the deputy asked in the period)
        String away = "away-" + run;
        String deputy = "deputy-" + run;
        person(away, remindTag, null, List.of());
        person(deputy, remindTag, null, List.of());
        Instant now = Instant.now();
        assertThat(gateway.putWithAuthorization(bearer(away), "/api/access/users/me/deputy", Map.of("deputy", deputy,
                "from", now.minusSeconds(60).toString(), "until", now.plusSeconds(3600).toString())).status())
                .isEqualTo(200);
        assertThat(pendingFor(temporary)).as("asked while the grant lasts").contains(request);
        assertThat(auditOf(temporary)).doesNotContain("GRANT_ENDED");

        TestClock.SHARED.advance(Duration.ofHours(2));
        String voided = "Scheduled deploy voided: payments " + scheduleTag + " to " + scheduleTag;
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            JsonNode state = gateway.getWithAuthorization(bearer("alice"), "/api/pipelines/" + scheduled
                    + "/schedules/" + schedule).json();
            assertThat(state.path("status").asString()).isEqualTo("VOIDED");
            assertThat(state.path("voidReason").asString()).isEqualTo("APPROVAL_EXPIRED");
            assertThat(flows.mailsTo("alice@example.com", voided)).hasSize(1);
        });
        String overdue = "Break-glass review overdue: payments " + glassTag + " to " + glassTag;
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            JsonNode listed = gateway.getWithAuthorization(bearer("dave"),
                    "/api/deployments/break-glass-reviews?overdue=true").json();
            assertThat(StreamSupport.stream(listed.spliterator(), false).map(d -> d.path("id").asString()))
                    .contains(brokeGlass);
            assertThat(flows.mailsTo("dave@example.com", overdue)).hasSize(1);
        });
        Http.Response afterGrant = vote(temporary, request);
        assertThat(afterGrant.status()).as(afterGrant.body()).isEqualTo(403);
        assertThat(afterGrant.reason()).isEqualTo("NOT_AN_ELIGIBLE_APPROVER");
        assertThat(pendingFor(temporary)).as("no longer asked").doesNotContain(request);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(auditOf(temporary)).contains("GRANT_ENDED"));
        String afterAbsence = askFor(waiting, flows.reportImage(remindTag + "-b"), List.of(away));
        assertThat(gateway.getWithAuthorization(bearer("alice"), "/api/approval-requests/" + afterAbsence).json()
                .path("notifiedApprovers").toString()).as("the period is over").contains(away).doesNotContain(deputy);

        String reminder = " approval requested: payments " + remindTag + " to " + remindTag;
        String escalated = "Escalated: approval waiting: payments " + remindTag + " to " + remindTag;
        assertThat(mailsTo(idle, "Reminder 1:" + reminder)).as("before four hours").isEmpty();
        TestClock.SHARED.advance(Duration.ofHours(2)); // 4 h: the first reminder, nothing more yet
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(idle, "Reminder 1:" + reminder))
                .hasSize(1));
        ApprovalFlows.sleep(Duration.ofSeconds(4)); // two more looks for due reminders
        assertThat(mailsTo(idle, "Reminder 2:" + reminder)).as("the second is due at 8 h").isEmpty();
        assertThat(mailsTo(fallback, escalated)).as("escalated at 24 h").isEmpty();
        assertThat(pendingFor(fallback)).doesNotContain(request);

        TestClock.SHARED.advance(Duration.ofHours(4)); // 8 h: the second and last reminder
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(idle, "Reminder 2:" + reminder))
                .hasSize(1));
        ApprovalFlows.sleep(Duration.ofSeconds(4));
        assertThat(mailsTo(fallback, escalated)).as("escalated at 24 h").isEmpty();

        TestClock.SHARED.advance(Duration.ofHours(16)); // 24 h: the escalation
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(fallback, escalated)).hasSize(1));
        assertThat(pendingFor(fallback)).as("the fallback group sees it").contains(request);
        JsonNode seen = gateway.getWithAuthorization(bearer(fallback), "/api/approval-requests/" + request).json();
        assertThat(seen.path("escalatedTo").asString()).isEqualTo(TestClock.FALLBACK_GROUP);
        // fallback has no role on this environment: seeing the request gives no vote
        assertThat(vote(fallback, request).reason()).isEqualTo("NOT_AN_ELIGIBLE_APPROVER");
        assertThat(mailsTo(idle, "Reminder 1:" + reminder)).as("once per step").hasSize(1);
        assertThat(mailsTo(idle, "Reminder 2:" + reminder)).as("once per step").hasSize(1);
        assertThat(mailsTo(idle, "Reminder 3:" + reminder)).as("two at most").isEmpty();
        assertThat(mailsTo(acted, "Reminder 1:" + reminder)).as("acted").isEmpty();

        // last, as it needs Chromium (skipped where it is not installed): the badge in their Approval pending list
        try (Browser browser = new Browser(gatewayUrl)) {
            browser.openWithToken(dev.shipgate.testing.TestTokens.forUser(fallback), "#/pending");
            browser.awaitText(By.cssSelector("[data-testid='escalated-to']"),
                    "Escalated to your group " + TestClock.FALLBACK_GROUP);
            browser.screenshot("19-escalated-to-your-group");
        }
    }

    private static List<JsonNode> mailsTo(String user, String subject) {
        return flows.mailsTo(user + "@example.com", subject);
    }

    /** The ids in the user's Approval pending list (newest first: the test's requests are the newest). */
    private static String pendingFor(String user) {
        return gateway.getWithAuthorization(bearer(user), "/api/approval-requests/pending-my-approval?size=50").body();
    }

    private static String auditOf(String user) {
        return gateway.getWithAuthorization(bearer("dave"), "/api/audit?user=" + user).body();
    }

    /** An image approver of the pipeline's environment until {@code until} (null: for good), in {@code groups}. */
    private static void person(String id, String environment, Instant until, List<String> groups) {
        Map<String, Object> grant = new java.util.HashMap<>(Map.of("role", "IMAGE_APPROVER", "project", "shop",
                "application", "payments", "environment", environment));
        if (until != null) {
            grant.put("until", until.toString());
        }
        ApprovalFlows.retry(() -> gateway.putWithAuthorization(bearer("dave"), "/api/access/users/" + id, Map.of(
                "email", id + "@example.com", "displayName", id, "active", true, "groups", groups, "roles",
                List.of(grant))), 200);
    }

    private static String askFor(String pipeline, String digest, List<String> approvers) {
        Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> flows.imageListed(pipeline, digest));
        return ApprovalFlows.retry(() -> gateway.postWithAuthorization(bearer("alice"), "/api/approval-requests",
                Map.of("pipelineId", pipeline, "imageDigest", digest, "approvers", approvers)), 201).json()
                .path("id").asString();
    }

    private static Http.Response vote(String user, String requestId) {
        return gateway.postWithAuthorization(bearer(user), "/api/approval-requests/" + requestId + "/approve", null);
    }
}
