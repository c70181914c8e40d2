package dev.shipgate.deploy.it;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.deploy.schedule.application.ScheduleService;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approve now, deploy later (issue 18) through HTTP, against the real broker and database: a schedule starts its
 * deployment once at its time however many ticks race for it, and says so in an event; it is voided (with an event)
 * when cancelled, when its approval expires, or when a newer deployment goes out first; an AUTOMATIC pipeline's
 * approval that lands in a blackout is scheduled for the next opening; bad times are 4xx problems.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "shipgate.deploy.schedule-interval=PT0.3S")
class ScheduleAnswersIT {

    static final LocalInfra INFRA = SharedInfra.get();
    static TopicWatcher topics;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ADMIN = "sched-admin-" + RUN;
    private static final String DEPLOYER = "sched-dev-" + RUN;
    private static final String OTHER = "sched-other-" + RUN;

    @LocalServerPort
    int port;

    @Autowired
    ScheduleService schedules;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        DeployServiceInfra.register(registry);
    }

    @BeforeAll
    static void grant() {
        topics = new TopicWatcher(INFRA, List.of(Topics.DEPLOYMENTS));
        for (String user : List.of(ADMIN, DEPLOYER, OTHER)) {
            String role = user.equals(ADMIN) ? "ADMIN" : "BUILD_AND_DEPLOY";
            topics.publish(new UserAccessChanged(user, user + "@example.com", user, true, List.of(),
                    List.of(new RoleBinding(role, "shop", "payments", "*"))));
        }
    }

    @AfterAll
    static void stopWatching() {
        topics.close();
    }

    private Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    /** A new pipeline (once access reached the replica) and, once it reached the replica too, an image of it. */
    private PipelineImage pipelineWithImage(String trigger) {
        Http.Response[] created = new Http.Response[1];
        String environment = "env-" + UUID.randomUUID().toString().substring(0, 8);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            created[0] = http().post(ADMIN, "/api/pipelines", Map.of("project", "shop", "application", "payments",
                    "environment", environment, "target", "simulated", "requiredApprovals", 1,
                    "approverMayDeploy", false, "trigger", trigger));
            assertThat(created[0].status()).as(created[0].body()).isEqualTo(201);
        });
        return image(created[0].json().path("id").asString(), environment);
    }

    private PipelineImage image(String pipeline, String environment) {
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        topics.publish(new ImageBuilt(digest, "registry.local/payments", "1." + RUN, "abc123", "payments",
                "ci-bot", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !"UNKNOWN_IMAGE".equals(
                schedule(DEPLOYER, pipeline, digest, Instant.now().minusSeconds(60)).reason()));
        return new PipelineImage(pipeline, "payments", environment, digest, "1." + RUN);
    }

    private Http.Response schedule(String user, String pipeline, String digest, Instant runAt) {
        return http().post(user, "/api/pipelines/" + pipeline + "/schedules", runAt == null
                ? Map.of("imageDigest", digest) : Map.of("imageDigest", digest, "runAt", runAt.toString()));
    }

    private JsonNode stored(PipelineImage image, String scheduleId) {
        return http().get(DEPLOYER, "/api/pipelines/" + image.pipelineId() + "/schedules/" + scheduleId).json();
    }

    private DeploymentScheduleChanged awaitEvent(String scheduleId, String status) {
        return topics.await(DeploymentScheduleChanged.class,
                e -> e.scheduleId().equals(scheduleId) && e.status().equals(status));
    }

    @Test
    void a_schedule_starts_its_deployment_once_at_its_time_however_many_ticks_race_for_it() throws Exception {
        PipelineImage image = pipelineWithImage("MANUAL");
        Instant runAt = Instant.now().plusSeconds(2);
        Http.Response created = schedule(DEPLOYER, image.pipelineId(), image.digest(), runAt);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(awaitEvent(id, "SCHEDULED").runAt()).isEqualTo(runAt);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), runAt).toMillis()));
        // two more tickers on top of the service's own, as two more instances would
        CompletableFuture.allOf(CompletableFuture.runAsync(schedules::tick),
                CompletableFuture.runAsync(schedules::tick)).get();

        DeploymentScheduleChanged started = awaitEvent(id, "STARTED");
        assertThat(started.deploymentId()).isEqualTo("sched-" + id);
        JsonNode deployment = http().get(DEPLOYER, "/api/deployments/" + started.deploymentId()).json();
        assertThat(deployment.path("requestedBy").asString()).isEqualTo(DEPLOYER);
        assertThat(deployment.path("image").path("digest").asString()).isEqualTo(image.digest());
        Thread.sleep(1000); // a few more ticks
        assertThat(topics.events(DeploymentScheduleChanged.class, e -> e.scheduleId().equals(id)))
                .extracting(DeploymentScheduleChanged::status).containsExactly("SCHEDULED", "STARTED");
        assertThat(stored(image, id).path("status").asString()).isEqualTo("STARTED");
    }

    @Test
    void a_schedule_is_cancelled_by_its_requester_or_an_admin_only_and_only_once() {
        PipelineImage image = pipelineWithImage("MANUAL");
        String id = schedule(DEPLOYER, image.pipelineId(), image.digest(), Instant.now().plusSeconds(3600))
                .json().path("id").asString();
        String path = "/api/pipelines/" + image.pipelineId() + "/schedules/" + id;

        Http.Response notTheirs = http().delete(OTHER, path);
        assertThat(notTheirs.status()).as(notTheirs.body()).isEqualTo(403);
        assertThat(notTheirs.reason()).isEqualTo("NOT_ALLOWED_TO_CANCEL");
        Http.Response cancelled = http().delete(ADMIN, path);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("voidReason").asString()).isEqualTo("CANCELLED");
        assertThat(awaitEvent(id, "VOIDED").detail()).isEqualTo("cancelled by " + ADMIN);
        Http.Response again = http().delete(DEPLOYER, path);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.reason()).isEqualTo("SCHEDULE_NOT_PENDING");
    }

    @Test
    void a_schedule_is_voided_when_its_approval_expires_or_a_newer_deployment_goes_out_first() {
        PipelineImage image = pipelineWithImage("MANUAL");
        String expiring = schedule(DEPLOYER, image.pipelineId(), image.digest(), Instant.now().plusSeconds(3600))
                .json().path("id").asString();
        topics.publish(new ApprovalExpired("ar-" + RUN, image, DEPLOYER, null, "LIFETIME_ENDED"));
        DeploymentScheduleChanged expired = awaitEvent(expiring, "VOIDED");
        assertThat(expired.reason()).isEqualTo("APPROVAL_EXPIRED");
        assertThat(expired.detail()).contains("ar-" + RUN);

        String overtaken = schedule(DEPLOYER, image.pipelineId(), image.digest(), Instant.now().plusSeconds(3600))
                .json().path("id").asString();
        PipelineImage newer = image(image.pipelineId(), image.environment());
        Http.Response deployed = http().post(DEPLOYER, "/api/pipelines/" + image.pipelineId() + "/deployments",
                Map.of("imageDigest", newer.digest()));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(202);
        assertThat(stored(image, overtaken).path("status").asString()).isEqualTo("PENDING"); // only requested yet
        topics.publish(new DeploymentAuthorized(deployed.json().path("id").asString(), newer, DEPLOYER, "ar-2",
                List.of(ADMIN)));
        DeploymentScheduleChanged voided = awaitEvent(overtaken, "VOIDED");
        assertThat(voided.reason()).isEqualTo("NEWER_DEPLOYMENT");
    }

    @Test
    void an_automatic_pipelines_approval_in_a_blackout_is_scheduled_for_the_next_opening() {
        PipelineImage image = pipelineWithImage("AUTOMATIC");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Http.Response window = http().post(ADMIN, "/api/pipelines/" + image.pipelineId() + "/windows", Map.of(
                "kind", "BLACKOUT", "recurrence", "FREQ=DAILY", "duration", "P1D", "timeZone", "UTC",
                "startDate", today.toString(), "endDate", today.toString(), "message", "freeze"));
        assertThat(window.status()).as(window.body()).isEqualTo(201);
        Instant opening = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant expiresAt = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        topics.publish(new ImageApproved("ar-auto-" + RUN, image, DEPLOYER, List.of(ADMIN), expiresAt));

        String id = "sc-auto-ar-auto-" + RUN + "-" + expiresAt.toEpochMilli();
        DeploymentScheduleChanged scheduled = awaitEvent(id, "SCHEDULED");
        assertThat(scheduled.runAt()).isEqualTo(opening);
        assertThat(scheduled.requestedBy()).isEqualTo(DEPLOYER);
        assertThat(stored(image, id).path("approval").path("requestId").asString()).isEqualTo("ar-auto-" + RUN);

        // asked by hand too: the same next opening; a time inside the blackout is refused with when it opens
        Http.Response atOpening = schedule(DEPLOYER, image.pipelineId(), image.digest(), null);
        assertThat(atOpening.status()).as(atOpening.body()).isEqualTo(201);
        assertThat(Instant.parse(atOpening.json().path("runAt").asString())).isEqualTo(opening);
        Http.Response inside = schedule(DEPLOYER, image.pipelineId(), image.digest(), opening.minusSeconds(60));
        assertThat(inside.status()).isEqualTo(409);
        assertThat(inside.reason()).isEqualTo("DEPLOY_WINDOW_CLOSED");
        assertThat(inside.json().path("nextOpening").asString()).isEqualTo(opening.toString());
    }

    @Test
    void a_bad_time_is_a_problem_naming_why() {
        PipelineImage image = pipelineWithImage("MANUAL");

        Http.Response past = schedule(DEPLOYER, image.pipelineId(), image.digest(), Instant.now().minusSeconds(1));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.contentType()).contains("application/problem+json");
        assertThat(past.reason()).isEqualTo("INVALID_SCHEDULE_TIME");
        Http.Response tooFar = schedule(DEPLOYER, image.pipelineId(), image.digest(),
                Instant.now().plus(Duration.ofDays(400)));
        assertThat(tooFar.reason()).isEqualTo("INVALID_SCHEDULE_TIME");
        assertThat(tooFar.json().path("field").asString()).isEqualTo("runAt");
        Http.Response noWindow = schedule(DEPLOYER, image.pipelineId(), image.digest(), null);
        assertThat(noWindow.status()).isEqualTo(409);
        assertThat(noWindow.reason()).isEqualTo("NO_OPENING_TO_WAIT_FOR");
        Http.Response garbled = http().postRaw(DEPLOYER, "/api/pipelines/" + image.pipelineId() + "/schedules",
                "{\"imageDigest\":\"" + image.digest() + "\",\"runAt\":\"next friday\"}");
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.contentType()).contains("application/problem+json");
    }
}
