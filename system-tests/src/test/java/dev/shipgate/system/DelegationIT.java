package dev.shipgate.system;

import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.shipgate.system.ApprovalFlows.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's delegation and notification preferences through the real processes, on people and a pipeline of the
 * test's own (the shared system's seeded approvers are not touched): an approver out of office names a deputy; a
 * request naming the approver asks and mails the deputy, whose vote the history records as "deputy of" the approver;
 * once the period is moved to the future the approver is asked again and the deputy's vote is their own. The
 * requester mutes decision mails and gets no "Approved" mail; with mail chosen again, the next one arrives. Periods
 * are set in the future instead of waiting for them.
 */
@ExtendWith(SharedSystem.class)
class DelegationIT {

    private static Http gateway;
    private static ApprovalFlows flows;
    private static String tag;
    private static String pipeline;
    private static String away;
    private static String deputy;
    private static String requester;

    @BeforeAll
    static void start(RunningSystem system) {
        gateway = new Http(system.gatewayUrl());
        flows = new ApprovalFlows(gateway, new Http(system.infra.inboxUrl()));
        String run = UUID.randomUUID().toString().substring(0, 6);
        tag = "dl-" + run;
        pipeline = flows.createPipeline(tag, Map.of());
        away = "away-" + run;
        deputy = "deputy-" + run;
        requester = "asker-" + run;
        person(away, "IMAGE_APPROVER");
        person(deputy, "IMAGE_APPROVER");
        person(requester, "BUILD_AND_DEPLOY");
    }

    @Test
    void a_deputy_is_asked_and_votes_as_deputy_in_the_period_and_muted_mail_stays_unsent() {
        Instant now = Instant.now();
        assertThat(nameDeputy(away, away, now.minusSeconds(60), now.plusSeconds(3600)).json().path("reason")
                .asString()).isEqualTo("SELF_DEPUTY");
        // the deputy names the approver as their own deputy: allowed, and never passes a request on (one hop)
        assertThat(nameDeputy(deputy, away, now.minusSeconds(60), now.plusSeconds(3600)).status()).isEqualTo(200);
        Http.Response other = gateway.putWithAuthorization(bearer(requester), "/api/access/users/" + away
                + "/deputy", Map.of("deputy", requester, "from", now.toString(), "until", now.plusSeconds(60)
                .toString()));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().path("reason").asString()).isEqualTo("NOT_YOUR_DEPUTY");
        Http.Response over = nameDeputy(away, deputy, now.minusSeconds(7200), now.minusSeconds(3600));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().path("field").asString()).isEqualTo("until");
        Http.Response required = gateway.putWithAuthorization(bearer(away), "/api/notifications/preferences/me",
                Map.of("choices", Map.of("APPROVAL_REQUESTS", "NONE")));
        assertThat(required.status()).isEqualTo(400);
        assertThat(required.json().path("field").asString()).isEqualTo("choices.APPROVAL_REQUESTS");
        assertThat(gateway.putWithAuthorization(bearer(requester), "/api/notifications/preferences/me",
                Map.of("choices", Map.of("DECISIONS", "NONE"))).status()).isEqualTo(200);

        // in the period: the deputy is asked, mailed, and votes as deputy of the approver
        assertThat(nameDeputy(away, deputy, now.minusSeconds(60), now.plusSeconds(3600)).status()).isEqualTo(200);
        String during = request(flows.reportImage(tag));
        JsonNode asked = gateway.getWithAuthorization(bearer(requester), "/api/approval-requests/" + during).json();
        assertThat(asked.path("notifiedApprovers").toString()).contains(deputy).doesNotContain(away);
        vote(deputy, during);
        List<String> history = summaries(during);
        assertThat(history).contains(deputy + " asked as deputy of " + away + " by the system")
                .anyMatch(line -> line.startsWith(deputy + " approved as deputy of " + away));
        awaitMail(deputy + "@example.com", "Approval requested: payments " + tag + " to " + tag);

        // the period moved to the future: the approver is asked again, and the deputy's vote is their own
        assertThat(nameDeputy(away, deputy, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2))).status())
                .isEqualTo(200);
        assertThat(gateway.putWithAuthorization(bearer(requester), "/api/notifications/preferences/me",
                Map.of("choices", Map.of("DECISIONS", "MAIL"))).status()).isEqualTo(200);
        String after = request(flows.reportImage(tag + "-b"));
        JsonNode askedAfter = gateway.getWithAuthorization(bearer(requester), "/api/approval-requests/" + after)
                .json();
        assertThat(askedAfter.path("notifiedApprovers").toString()).contains(away).doesNotContain(deputy);
        vote(deputy, after);
        assertThat(summaries(after)).anyMatch(line -> line.startsWith(deputy + " approved"))
                .noneMatch(line -> line.contains("deputy of"));

        // preferences: the "Approved" mail of the first request was muted, that of the second was not
        awaitMail(requester + "@example.com", "Approved: payments " + tag + "-b to " + tag);
        assertThat(flows.mailsTo(requester + "@example.com", "Approved: payments " + tag + " to " + tag))
                .as("muted while DECISIONS was NONE").isEmpty();
    }

    private static void person(String id, String role) {
        ApprovalFlows.retry(() -> gateway.putWithAuthorization(bearer("dave"), "/api/access/users/" + id, Map.of(
                "email", id + "@example.com", "displayName", id, "active", true, "groups", List.of(), "roles",
                List.of(Map.of("role", role, "project", "shop", "application", "payments", "environment", tag)))),
                200);
    }

    private static Http.Response nameDeputy(String approver, String who, Instant from, Instant until) {
        return gateway.putWithAuthorization(bearer(approver), "/api/access/users/me/deputy", Map.of("deputy", who,
                "from", from.toString(), "until", until.toString()));
    }

    private static String request(String digest) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> flows.imageListed(pipeline, digest));
        return ApprovalFlows.retry(() -> gateway.postWithAuthorization(bearer(requester), "/api/approval-requests",
                Map.of("pipelineId", pipeline, "imageDigest", digest, "approvers", List.of(away))), 201)
                .json().path("id").asString();
    }

    private static void vote(String voter, String requestId) {
        assertThat(gateway.postWithAuthorization(bearer(voter), "/api/approval-requests/" + requestId + "/approve",
                Map.of("comment", "ok")).status()).isEqualTo(200);
    }

    private static List<String> summaries(String requestId) {
        List<String> lines = new ArrayList<>();
        gateway.getWithAuthorization(bearer(requester), "/api/approval-requests/" + requestId + "/history").json()
                .forEach(line -> lines.add(line.path("summary").asString()));
        return lines;
    }

    private static void awaitMail(String to, String subject) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> !flows.mailsTo(to, subject).isEmpty());
    }
}
