package dev.shipgate.system;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of every service (issue 20), one of each SIGKILLed while approval flows are under way and not
 * started again: the survivors take over its partitions and its work that is not an event (rollout monitoring, mail
 * sending, the expiry sweep), and the gateway sends calls to the survivors. Every flow ends right, and nothing is
 * done twice: one decision, one AUTHORIZED, one rollout (one PROGRESSING, one HEALTHY) per deployment, counted by
 * event id on the topics; one mail per recipient and event, counted by Message-ID; one expiry of a request left to
 * expire. Between the two, a reminder is mailed once with both notification-service instances looking for it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the schedule's test needs both instances: before the kills
// beside the shared system, with its own (junit-platform.properties); each test says SAME_THREAD, or it would
// inherit CONCURRENT and run beside its siblings
@Execution(ExecutionMode.CONCURRENT)
class SeveralInstancesIT {

    private static final int FLOWS = 4;

    private static final TestClock CLOCK = new TestClock();

    private static RunningSystem system;
    private static TopicWatcher topics;
    private static ApprovalFlows approvalFlows;

    @BeforeAll
    static void start() {
        system = new RunningSystem(RunningSystem.ALL_SERVICES, List.of(
                "--shipgate.targets.simulated.progress-time=PT3S", CLOCK.setting(), "--shipgate.reminders.poll=PT2S"),
                true, 2);
        topics = new TopicWatcher(system.infra, List.of(Topics.DEPLOY_DECISIONS, Topics.DEPLOYMENTS,
                Topics.APPROVALS));
        approvalFlows = new ApprovalFlows(new Http(system.gatewayUrl()), new Http(system.infra.inboxUrl()));
    }

    @AfterAll
    static void stop() {
        if (topics != null) {
            topics.close();
        }
        if (system != null) {
            system.close();
        }
    }

    /**
     * Approve now, deploy later (issue 18): an approved image is scheduled 20 s ahead, then both deploy-service
     * instances (the only ones that start schedules) are SIGKILLed and started again: the schedule is a document, not
     * a timer in memory, so one of the new instances starts it at (or, if they are still starting then, right after)
     * its time, never before it, exactly once with both ticking: one STARTED, one deployment requested, healthy.
     * (Killing every other process too, as this test once did, showed nothing more, and its restart of eight JVMs was
     * the suite's heaviest minute: FaultToleranceIT kills every service, the last test here one instance of each.)
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @Order(1)
    void a_scheduled_deploy_starts_once_at_its_time_after_both_deploy_services_were_restarted() {
        String tag = "multi-scheduled-" + Instant.now().toEpochMilli();
        String pipeline = approvalFlows.createPipeline(tag, Map.of());
        String digest = approvalFlows.reportImage(tag);
        String request = approvalFlows.requestApproval(pipeline, digest);
        ApprovalFlows.retry(() -> new Http(system.gatewayUrl()).postWithAuthorization(ApprovalFlows.bearer("bob"),
                "/api/approval-requests/" + request + "/approve", null), 200, 409);
        Instant runAt = Instant.now().plusSeconds(20); // after the call arrives, however slow the machine
        String schedule = ApprovalFlows.retry(() -> new Http(system.gatewayUrl()).postWithAuthorization(
                ApprovalFlows.bearer("alice"), "/api/pipelines/" + pipeline + "/schedules",
                Map.of("imageDigest", digest, "runAt", runAt.toString())), 201).json().path("id").asString();

        Instant restartedAt = Instant.now();
        List<RunningSystem.Instance> deployServices = system.instances.get("deploy-service");
        deployServices.forEach(instance -> instance.process().kill());
        assertThat(Instant.now()).as("both deploy-services down before the schedule's time").isBefore(runAt);
        deployServices.forEach(instance -> instance.process().start());
        deployServices.forEach(RunningSystem.Instance::awaitReady);
        System.out.println("several instances: both deploy-services restarted in "
                + Duration.between(restartedAt, Instant.now()).toMillis() + " ms; the schedule was due "
                + Duration.between(restartedAt, runAt).toMillis() + " ms after the kill");

        String deployment = "sched-" + schedule;
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                !eventIds(DeploymentStatusChanged.class, e -> e.deploymentId().equals(deployment)
                        && e.status().equals("HEALTHY")).isEmpty());
        assertThat(eventIds(DeploymentScheduleChanged.class, e -> e.scheduleId().equals(schedule)
                && e.status().equals("STARTED"))).as("starts of " + schedule).hasSize(1);
        assertThat(eventIds(DeploymentRequested.class, e -> e.deploymentId().equals(deployment))).hasSize(1);
        assertThat(topics.events(DeploymentStatusChanged.class, e -> e.deploymentId().equals(deployment)
                && e.status().equals("REQUESTED")).get(0).at()).isAfterOrEqualTo(runAt);
    }

    /**
     * Reminders (issue 19) with both notification-service instances looking for due ones every 2 s: the clock moved
     * on to the first reminder (4 h, the default plan) mails the approver who has not acted exactly once.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @Order(2)
    void a_reminder_goes_out_once_with_two_instances_looking_for_it() {
        String tag = "multi-reminded-" + Instant.now().toEpochMilli();
        String pipeline = approvalFlows.createPipeline(tag, Map.of());
        approvalFlows.requestApproval(pipeline, approvalFlows.reportImage(tag)); // alice asks bob
        CLOCK.advance(Duration.ofHours(4));
        String subject = "Reminder 1: approval requested: payments " + tag + " to " + tag;
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                !approvalFlows.mailsTo("bob@example.com", subject).isEmpty());
        ApprovalFlows.sleep(Duration.ofSeconds(6)); // three more looks by each instance
        assertThat(approvalFlows.mailsTo("bob@example.com", subject)).hasSize(1);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @Order(3)
    void one_instance_of_every_service_killed_mid_flow_and_every_flow_ends_right_once() {
        Instant startedAt = Instant.now();
        String expiring = approvalFlows.requestLeftToExpire("multi-expiring-" + startedAt.toEpochMilli());
        List<CompletableFuture<ApprovalFlows.Flow>> flows = approvalFlows.startFlows("multi", FLOWS);
        ApprovalFlows.sleep(Duration.ofMillis(1500));
        assertThat(flows).as("flows under way when the instances are killed").noneMatch(CompletableFuture::isDone);
        for (String service : FaultToleranceIT.BACKEND_SERVICES) {
            RunningSystem.Instance first = system.instances.get(service).get(0);
            first.process().kill();
            assertThat(first.process().isAlive()).as(first.name() + " killed").isFalse();
            assertThat(system.instances.get(service).get(1).process().isAlive()).as(service + " survivor").isTrue();
        }

        List<ApprovalFlows.Flow> finished = flows.stream()
                .map(flow -> flow.orTimeout(4, TimeUnit.MINUTES).join()).toList();
        approvalFlows.awaitMailOfEveryFlow(finished);
        approvalFlows.assertNothingDoubled(finished);
        for (ApprovalFlows.Flow flow : finished) {
            String deployment = flow.deploymentId();
            assertThat(eventIds(DeploymentAuthorized.class, e -> e.deploymentId().equals(deployment)))
                    .as("decisions authorizing " + deployment).hasSize(1);
            for (String status : List.of("AUTHORIZED", "PROGRESSING", "HEALTHY")) {
                assertThat(eventIds(DeploymentStatusChanged.class, e -> e.deploymentId().equals(deployment)
                        && e.status().equals(status))).as(status + " of " + deployment).hasSize(1);
            }
        }

        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                !eventIds(ApprovalExpired.class, e -> e.requestId().equals(expiring)).isEmpty());
        ApprovalFlows.sleep(Duration.ofSeconds(6)); // a sweep that ran twice would show within one more period
        assertThat(eventIds(ApprovalExpired.class, e -> e.requestId().equals(expiring)))
                .as("expiries of " + expiring).hasSize(1);
        System.out.println("several instances: " + FLOWS + " flows and an expiry, one instance of each service "
                + "SIGKILLed, all done in " + Duration.between(startedAt, Instant.now()).toSeconds() + " s");
    }

    private static <T extends EventPayload> Set<String> eventIds(Class<T> type, Predicate<T> matching) {
        return topics.envelopes(type, matching).stream().map(EventEnvelope::id).collect(Collectors.toSet());
    }
}
