package dev.shipgate.system;

import dev.shipgate.runtime.ManagedProcess;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real processes, really killed, while approval flows are in progress: every service with SIGKILL, the Kafka broker
 * and the MongoDB-compatible server stopped and started, the SMTP server down for longer than the mail's first
 * retries. The clients retry as a CD pipeline would. After each fault every flow ends right: one approval, one healthy
 * deployment, one email per approver; nothing is lost or doubled. The time each part takes to be ready again is
 * printed. On the shared system, after the classes that need it whole: every fault ends with everything running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedSystem.class)
@org.junit.jupiter.api.Order(SharedSystem.DISRUPTIVE)
class FaultToleranceIT {

    static final List<String> BACKEND_SERVICES = List.of("approval-service", "deploy-service", "notification-service");

    private static RunningSystem system;
    private static ApprovalFlows approvalFlows;
    /** The flows of the current fault (the SMTP server keeps its inbox in memory: a restart empties it). */
    private static final List<ApprovalFlows.Flow> finished = new ArrayList<>();
    /** Past the mail's first three tries (notification-service retries after 2 s, doubling each time). */
    private static final Duration SMTP_AWAY = Duration.ofSeconds(20);
    private static final ConcurrentLinkedQueue<String> recoveries = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start(RunningSystem shared) {
        system = shared;
        approvalFlows = new ApprovalFlows(new Http(system.gatewayUrl()), new Http(system.infra.inboxUrl()));
    }

    @AfterAll
    static void stop() {
        recoveries.forEach(System.out::println);
    }

    @Test
    @Order(1)
    void every_service_killed_mid_flow_comes_back_and_every_flow_ends_right() {
        List<CompletableFuture<ApprovalFlows.Flow>> flows = approvalFlows.startFlows("kill", 3);
        ApprovalFlows.sleep(Duration.ofMillis(1500));
        Instant killedAt = Instant.now();
        system.services.values().forEach(ManagedProcess::kill);
        system.services.values().forEach(ManagedProcess::start);
        system.services.forEach((name, process) -> {
            process.awaitReady(Duration.ofSeconds(180), () -> RunningSystem.isReady(system.ports.get(name)));
            recoveries.add("recovery: " + name + " SIGKILLed, ready again after "
                    + Duration.between(killedAt, Instant.now()).toMillis() + " ms");
        });
        completeAndCheck(flows);
    }

    @Test
    @Order(2)
    void the_broker_stopped_and_started_mid_flow_loses_nothing_and_readiness_follows_it() {
        restartMidFlow("kafka", system.infra.kafka(), system.infra::awaitKafka, "Kafka broker");
    }

    @Test
    @Order(3)
    void the_database_stopped_and_started_mid_flow_loses_nothing_and_readiness_follows_it() {
        restartMidFlow("mongo", system.infra.mongo(), system.infra::awaitMongo, "MongoDB-compatible server");
    }

    /**
     * Stops a server while flows are under way: every service's readiness goes DOWN; starts it again: every service
     * is ready again, and the flows end right.
     */
    private void restartMidFlow(String flowPrefix, ManagedProcess server, Runnable awaitServer, String serverName) {
        List<CompletableFuture<ApprovalFlows.Flow>> flows = approvalFlows.startFlows(flowPrefix, 3);
        ApprovalFlows.sleep(Duration.ofMillis(1500));
        server.stop();
        Instant restartedAt;
        try {
            awaitBackendReadiness(false);
        } finally { // the classes after this one share the system
            restartedAt = Instant.now();
            server.start();
            awaitServer.run();
        }
        awaitBackendReadiness(true);
        recoveries.add("recovery: " + serverName + " restarted, every service ready after "
                + Duration.between(restartedAt, Instant.now()).toMillis() + " ms");
        completeAndCheck(flows);
    }

    @Test
    @Order(4)
    void the_smtp_server_down_for_a_while_delays_mail_but_every_mail_arrives_once() {
        system.infra.mail().stop();
        List<ApprovalFlows.Flow> done;
        Instant restartedAt;
        try {
            List<CompletableFuture<ApprovalFlows.Flow>> flows = approvalFlows.startFlows("smtp", 3);
            done = flows.stream().map(CompletableFuture::join).toList();
            ApprovalFlows.sleep(SMTP_AWAY); // every first try failed by then, and the mail waits for its retries
        } finally { // the classes after this one share the system
            restartedAt = Instant.now();
            system.infra.mail().start();
            system.infra.awaitMail();
        }
        finished.clear();
        finished.addAll(done);
        approvalFlows.awaitMailOfEveryFlow(finished);
        recoveries.add("recovery: SMTP server back after " + SMTP_AWAY.toSeconds() + " s away, its queued mail "
                + "delivered after "
                + Duration.between(restartedAt, Instant.now()).toMillis() + " ms");
        approvalFlows.assertNothingDoubled(finished);
    }

    private static void completeAndCheck(List<CompletableFuture<ApprovalFlows.Flow>> flows) {
        finished.clear();
        flows.forEach(flow -> finished.add(flow.orTimeout(4, TimeUnit.MINUTES).join()));
        approvalFlows.awaitMailOfEveryFlow(finished);
        approvalFlows.assertNothingDoubled(finished);
    }

    private static void awaitBackendReadiness(boolean ready) {
        for (String service : BACKEND_SERVICES) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(RunningSystem.isReady(system.ports.get(service))).as(service + " ready")
                            .isEqualTo(ready));
        }
    }

}
