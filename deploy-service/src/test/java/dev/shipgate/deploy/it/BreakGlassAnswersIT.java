package dev.shipgate.deploy.it;

import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.testing.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audited break-glass through HTTP (issue 18), against the real broker and database, with a service clock the test
 * moves (the review times are hours): off by default and then refused as needing an approval; only the policy's role
 * breaks it, with a justification, inside a blackout too; the deployment is AUTHORIZED without any approval
 * (DeploymentBrokeGlass out, no DeploymentRequested for approval-service) and rolls out; its review is closed by
 * another approver, never by who broke it; an overdue review is listed and told OVERDUE once; an incident rollback
 * goes to the previous healthy release.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shipgate.deploy.review-sweep-interval=PT0.3S", "shipgate.targets.simulated.progress-time=PT1S"})
class BreakGlassAnswersIT extends DeployServiceTestBase {

    private static final String ADMIN = "bg-admin-" + RUN;
    private static final String DEPLOYER = "bg-dev-" + RUN;
    /** Manager and approver: may break the glass, and review others' break-glass. */
    private static final String ON_CALL = "bg-oncall-" + RUN;
    private static final String APPROVER = "bg-appr-" + RUN;

    /** The system clock plus what the test moved it on: rollouts still progress in real time. */
    static final class MovableClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void step(Duration duration) {
            ahead = ahead.plus(duration);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }

    @TestConfiguration
    static class MovableClockConfiguration {
        @Bean
        Clock clock() {
            return new MovableClock();
        }
    }

    @Autowired
    Clock clock;

    private String pipeline;
    private String digest;

    @BeforeAll
    static void grantUsers() {
        grant(ADMIN, "ADMIN");
        grant(DEPLOYER, "BUILD_AND_DEPLOY");
        topics.publish(new UserAccessChanged(ON_CALL, ON_CALL + "@example.com", ON_CALL, true, List.of(),
                List.of(new RoleBinding("MANAGER", "shop", "payments", "*"),
                        new RoleBinding("IMAGE_APPROVER", "shop", "payments", "*"))));
        topics.publish(new UserAccessChanged(APPROVER, APPROVER + "@example.com", APPROVER, true, List.of(),
                List.of(new RoleBinding("VIEW", "shop", "payments", "*"),
                        new RoleBinding("IMAGE_APPROVER", "shop", "payments", "*"))));
    }

    @BeforeEach
    void pipelineAndImage() {
        pipeline = createPipeline(ADMIN, "env-" + UUID.randomUUID().toString().substring(0, 8));
        digest = publishImage();
    }

    private String path(String rest) {
        return "/api/pipelines/" + pipeline + rest;
    }

    private Http.Response breakGlass(String user, String image, String justification) {
        Map<String, Object> body = new HashMap<>(Map.of("imageDigest", image, "incidentRef", "INC-<7>"));
        if (justification != null) {
            body.put("justification", justification);
        }
        return http().post(user, path("/break-glass/deployments"), body);
    }

    /** Sets the policy, then waits until the image has reached the replica (a refusal other than UNKNOWN_IMAGE). */
    private void enable(String image) {
        Http.Response set = http().put(ADMIN, path("/break-glass/policy"),
                Map.of("allowedRole", "MANAGER", "reviewWithin", "PT1H"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(breakGlass(ON_CALL, image, " ").reason()).isEqualTo("INVALID_JUSTIFICATION"));
    }

    private void awaitStatus(String deploymentId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http().get(ADMIN, "/api/deployments/" + deploymentId).json().path("status").asString())
                .isEqualTo(status));
    }

    @Test
    void only_the_policy_role_breaks_the_glass_with_a_justification_even_in_a_blackout_and_no_approval_is_asked() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !"UNKNOWN_IMAGE".equals(
                breakGlass(ON_CALL, digest, "payments down").reason()));
        Http.Response off = breakGlass(ON_CALL, digest, "payments down");
        assertThat(off.status()).as(off.body()).isEqualTo(409);
        assertThat(off.contentType()).contains("application/problem+json");
        assertThat(off.reason()).isEqualTo("BREAK_GLASS_NOT_ENABLED");
        assertThat(off.json().path("imageDigest").asString()).isEqualTo(digest);
        assertThat(off.json().path("detail").asString()).contains("needs an approval");

        enable(digest);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(http().post(ADMIN, path("/windows"), Map.of("kind", "BLACKOUT", "recurrence", "FREQ=DAILY",
                "duration", "P1D", "timeZone", "UTC", "startDate", today.minusDays(1).toString(), "endDate",
                today.plusDays(1).toString(), "message", "freeze")).status()).isEqualTo(201);
        assertThat(breakGlass(DEPLOYER, digest, "payments down").reason()).isEqualTo("NOT_ALLOWED_TO_BREAK_GLASS");
        Http.Response noWords = breakGlass(ON_CALL, digest, null);
        assertThat(noWords.status()).isEqualTo(400);
        assertThat(noWords.json().path("field").asString()).isEqualTo("justification");

        Http.Response broken = breakGlass(ON_CALL, digest, "payments <b>down</b>");
        assertThat(broken.status()).as(broken.body()).isEqualTo(201);
        String id = broken.json().path("id").asString();
        assertThat(broken.json().path("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(broken.json().path("approvalRequestId").isNull()).isTrue();
        assertThat(broken.json().path("breakGlass").path("justification").asString())
                .isEqualTo("payments <b>down</b>");
        assertThat(broken.json().path("breakGlass").path("review").asString()).isEqualTo("OPEN");

        DeploymentBrokeGlass event = topics.await(DeploymentBrokeGlass.class, e -> e.deploymentId().equals(id));
        assertThat(event.brokenBy()).isEqualTo(ON_CALL);
        assertThat(event.incidentRef()).isEqualTo("INC-<7>");
        assertThat(event.reviewDueAt()).isEqualTo(event.at().plus(Duration.ofHours(1)));
        awaitStatus(id, "HEALTHY");
        assertThat(topics.events(DeploymentRequested.class, e -> e.deploymentId().equals(id))).isEmpty();
        assertThat(http().get(APPROVER, "/api/deployments/" + id).json().path("timeline").get(0).path("detail")
                .asString()).startsWith("BREAK-GLASS deploy").contains("payments <b>down</b>");
    }

    @Test
    void another_approver_closes_the_review_and_who_broke_the_glass_cannot() {
        enable(digest);
        String id = breakGlass(ON_CALL, digest, "hotfix for INC-9").json().path("id").asString();

        Http.Response own = http().post(ON_CALL, "/api/deployments/" + id + "/break-glass-review",
                Map.of("outcome", "ACKNOWLEDGED", "comment", "all fine"));
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.reason()).isEqualTo("OWN_BREAK_GLASS_REVIEW");
        assertThat(http().post(DEPLOYER, "/api/deployments/" + id + "/break-glass-review",
                Map.of("outcome", "ACKNOWLEDGED", "comment", "x")).reason()).isEqualTo("NOT_ALLOWED_TO_REVIEW");
        assertThat(http().post(APPROVER, "/api/deployments/" + id + "/break-glass-review",
                Map.of("outcome", "FLAGGED")).json().path("field").asString()).isEqualTo("comment");

        Http.Response reviewed = http().post(APPROVER, "/api/deployments/" + id + "/break-glass-review",
                Map.of("outcome", "FLAGGED", "comment", "page the <on-call> first"));
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);
        assertThat(reviewed.json().path("breakGlass").path("review").asString()).isEqualTo("FLAGGED");
        assertThat(topics.await(BreakGlassReviewChanged.class, e -> e.deploymentId().equals(id)).reviewedBy())
                .isEqualTo(APPROVER);
        assertThat(http().post(ON_CALL, "/api/deployments/" + id + "/break-glass-review",
                Map.of("outcome", "ACKNOWLEDGED", "comment", "x")).reason()).isIn("REVIEW_CLOSED",
                "OWN_BREAK_GLASS_REVIEW");
        assertThat(http().post(ADMIN, "/api/deployments/" + id + "/break-glass-review",
                Map.of("outcome", "ACKNOWLEDGED", "comment", "x")).reason()).isEqualTo("NOT_ALLOWED_TO_REVIEW");
    }

    @Test
    void an_incident_rollback_goes_to_the_previous_healthy_release_and_an_overdue_review_is_told_once() {
        enable(digest);
        String first = breakGlass(ON_CALL, digest, "first release").json().path("id").asString();
        awaitStatus(first, "HEALTHY");
        String second = publishImage();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(breakGlass(ON_CALL, second, " ").reason()).isEqualTo("INVALID_JUSTIFICATION"));
        String bad = breakGlass(ON_CALL, second, "bad release").json().path("id").asString();
        awaitStatus(bad, "HEALTHY");

        Http.Response offer = http().get(ON_CALL, path("/break-glass"));
        assertThat(offer.json().path("allowed").asBoolean()).isTrue();
        assertThat(offer.json().path("rollbackTo").path("id").asString()).isEqualTo(first);
        Http.Response notYours = http().get(DEPLOYER, path("/break-glass"));
        assertThat(notYours.json().path("allowed").asBoolean()).isFalse();
        assertThat(notYours.json().path("reason").asString()).isEqualTo("NOT_ALLOWED_TO_BREAK_GLASS");
        Http.Response rollback = http().post(ON_CALL, path("/break-glass/rollbacks"),
                Map.of("justification", "checkout errors after the release"));
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(201);
        assertThat(rollback.json().path("rollbackOf").asString()).isEqualTo(first);
        assertThat(rollback.json().path("image").path("digest").asString()).isEqualTo(digest);

        ((MovableClock) clock).step(Duration.ofHours(2));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http().get(APPROVER,
                "/api/deployments/break-glass-reviews?overdue=true").json().findValuesAsString("id"))
                .contains(first, bad, rollback.json().path("id").asString()));
        assertThat(http().get(DEPLOYER, "/api/deployments/break-glass-reviews?overdue=true").json().size()).isZero();
        topics.await(BreakGlassReviewChanged.class, e -> e.deploymentId().equals(bad) && e.status().equals("OVERDUE"));
        Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(topics.events(BreakGlassReviewChanged.class, e -> e.deploymentId().equals(bad)))
                        .hasSize(1)); // the sweep runs every 0.3 s: told once
        assertThat(topics.events(DeploymentStatusChanged.class, e -> e.deploymentId().equals(bad)))
                .extracting(DeploymentStatusChanged::approvalRequestId).containsOnlyNulls();
    }
}
