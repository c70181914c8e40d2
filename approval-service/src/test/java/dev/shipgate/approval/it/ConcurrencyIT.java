package dev.shipgate.approval.it;

import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ApprovalReopened;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.testing.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Races settled by single-document updates with a version: one winner, nothing doubled, nothing lost. */
class ConcurrencyIT extends ApprovalServiceTestBase {

    private static final int APPROVERS = 50;

    @BeforeEach
    void approvers() {
        for (int i = 0; i < APPROVERS; i++) {
            Http.Response created = http().put("dave", "/api/access/users/approver-" + i, Map.of(
                    "email", "approver-" + i + "@example.com", "displayName", "Approver " + i, "active", true,
                    "groups", List.of(), "roles", List.of(Map.of("role", "IMAGE_APPROVER", "project", "shop",
                            "application", "payments", "environment", "*"))));
            assertThat(created.status()).isEqualTo(200);
        }
    }

    @Test
    void fifty_approvers_voting_at_once_reach_approved_exactly_once() throws Exception {
        String pipeline = pipeline("prod", 6, List.of(), false);
        String digest = image("3.0.0", "ci-bot");
        awaitImage(pipeline, digest);
        String requestId = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", digest)).json().path("id").asString();

        List<Integer> statuses = all(IntStream.range(0, APPROVERS).mapToObj(i -> (Callable<Integer>) () ->
                http().post("approver-" + i, "/api/approval-requests/" + requestId + "/approve", null).status())
                .toList());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(6);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(APPROVERS - 6);
        var request = http().get("alice", "/api/approval-requests/" + requestId).json();
        assertThat(request.path("status").asString()).isEqualTo("APPROVED");
        assertThat(request.path("votes").size()).isEqualTo(6);
        topics.await(ImageApproved.class, e -> e.requestId().equals(requestId));
        Thread.sleep(1000);
        assertThat(topics.events(ImageApproved.class, e -> e.requestId().equals(requestId))).hasSize(1);
    }

    @Test
    void twenty_deploys_racing_for_one_approval_consume_it_exactly_once() throws Exception {
        String pipeline = pipeline("prod", 1, List.of(), false);
        String digest = image("3.1.0", "ci-bot");
        awaitImage(pipeline, digest);
        String requestId = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", digest)).json().path("id").asString();
        http().post("approver-1", "/api/approval-requests/" + requestId + "/approve", null);

        List<String> deployments = IntStream.range(0, 20).mapToObj(i -> "dp-" + UUID.randomUUID()).toList();
        all(deployments.stream().map(id -> (Callable<Integer>) () -> {
            topics.publish(new DeploymentRequested(id, new PipelineImage(pipeline, "payments", "prod", digest,
                    "3.1.0"), "alice", null));
            return 0;
        }).toList());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deployments.stream().allMatch(id ->
                !topics.events(DeploymentAuthorized.class, e -> e.deploymentId().equals(id)).isEmpty()
                        || !topics.events(DeploymentRejected.class, e -> e.deploymentId().equals(id)).isEmpty()));
        assertThat(topics.events(DeploymentAuthorized.class, e -> deployments.contains(e.deploymentId()))).hasSize(1);
        assertThat(topics.events(DeploymentRejected.class, e -> deployments.contains(e.deploymentId())))
                .hasSize(19).allMatch(e -> e.reason().equals("APPROVAL_ALREADY_USED"));
    }

    @Test
    void an_expiry_racing_a_deploy_leaves_exactly_one_winner() throws Exception {
        String pipeline = pipeline("prod", 1, List.of(), false);
        for (int round = 0; round < 5; round++) {
            String digest = image("3.2." + round, "ci-bot");
            awaitImage(pipeline, digest);
            String requestId = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                    "imageDigest", digest)).json().path("id").asString();
            http().post("approver-2", "/api/approval-requests/" + requestId + "/approve", null);
            String deploymentId = "dp-" + UUID.randomUUID();
            String tag = "3.2." + round;

            all(List.of(() -> http().post("alice", "/api/approval-requests/" + requestId + "/expire", null).status(),
                    () -> {
                        topics.publish(new DeploymentRequested(deploymentId, new PipelineImage(pipeline, "payments",
                                "prod", digest, tag), "alice", null));
                        return 0;
                    }));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    !topics.events(DeploymentAuthorized.class, e -> e.deploymentId().equals(deploymentId)).isEmpty()
                            || !topics.events(DeploymentRejected.class, e -> e.deploymentId().equals(deploymentId))
                            .isEmpty());
            Thread.sleep(300);
            boolean deployed = !topics.events(DeploymentAuthorized.class,
                    e -> e.deploymentId().equals(deploymentId)).isEmpty();
            boolean expired = !topics.events(ApprovalExpired.class, e -> e.requestId().equals(requestId)).isEmpty();
            String status = http().get("alice", "/api/approval-requests/" + requestId).json().path("status")
                    .asString();
            assertThat(deployed ^ expired).as("round %d: deployed %s, expired %s", round, deployed, expired).isTrue();
            assertThat(status).isEqualTo(deployed ? "CONSUMED" : "EXPIRED");
        }
    }

    @Test
    void policy_changes_racing_votes_end_as_the_last_policy_says_and_approvals_and_reopenings_alternate()
            throws Exception {
        String pipeline = pipeline("prod", 3, List.of(), false);
        String digest = image("3.3.0", "ci-bot");
        awaitImage(pipeline, digest);
        String requestId = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", digest)).json().path("id").asString();

        List<Callable<Integer>> tasks = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> tasks.add(() -> http().post("approver-" + i,
                "/api/approval-requests/" + requestId + "/approve", null).status()));
        IntStream.range(0, 10).forEach(i -> tasks.add(() -> {
            reconfigure(pipeline, 2 + i % 5, List.of(), "MANUAL");
            return 0;
        }));
        all(tasks);
        reconfigure(pipeline, 5, List.of(), "MANUAL");

        awaitSettled(requestId, 5);
    }

    @Test
    void access_changes_racing_votes_count_only_the_votes_of_people_still_eligible() throws Exception {
        String pipeline = pipeline("prod", 5, List.of(), false);
        String digest = image("3.6.0", "ci-bot");
        awaitImage(pipeline, digest);
        String requestId = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", digest)).json().path("id").asString();

        List<Callable<Integer>> tasks = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> tasks.add(() -> http().post("approver-" + i,
                "/api/approval-requests/" + requestId + "/approve", null).status()));
        IntStream.range(0, 10).forEach(i -> tasks.add(() -> http().put("dave", "/api/access/users/approver-" + i,
                Map.of("email", "approver-" + i + "@example.com", "displayName", "Approver " + i, "active", false,
                        "groups", List.of(), "roles", List.of())).status()));
        all(tasks);

        var view = http().get("alice", "/api/approval-requests/" + requestId).json();
        long stillEligible = view.path("votes").valueStream()
                .filter(vote -> Integer.parseInt(vote.path("userId").asString().substring("approver-".length())) >= 10)
                .count();
        assertThat(view.path("approvals").asInt()).isEqualTo((int) stillEligible);
        view.path("votes").valueStream().forEach(vote -> assertThat(vote.path("counts").asBoolean())
                .as(vote.toString()).isEqualTo(
                        Integer.parseInt(vote.path("userId").asString().substring("approver-".length())) >= 10));
        awaitSettled(requestId, 5);
    }

    @Test
    void a_policy_raise_racing_a_deploy_leaves_exactly_one_winner() throws Exception {
        for (int round = 0; round < 5; round++) {
            String pipeline = pipeline("prod", 1, List.of(), false);
            String tag = "3.5." + round;
            String digest = image(tag, "ci-bot");
            awaitImage(pipeline, digest);
            String requestId = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                    "imageDigest", digest)).json().path("id").asString();
            http().post("approver-4", "/api/approval-requests/" + requestId + "/approve", null);
            String deploymentId = "dp-" + UUID.randomUUID();

            all(List.<Callable<Integer>>of(() -> {
                reconfigure(pipeline, 2, List.of(), "MANUAL");
                return 0;
            }, () -> {
                topics.publish(new DeploymentRequested(deploymentId, new PipelineImage(pipeline, "payments",
                        "prod", digest, tag), "alice", null));
                return 0;
            }));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    !topics.events(DeploymentAuthorized.class, e -> e.deploymentId().equals(deploymentId)).isEmpty()
                            || !topics.events(DeploymentRejected.class, e -> e.deploymentId().equals(deploymentId))
                            .isEmpty());
            boolean deployed = !topics.events(DeploymentAuthorized.class,
                    e -> e.deploymentId().equals(deploymentId)).isEmpty();
            if (!deployed) {
                topics.await(ApprovalReopened.class, e -> e.requestId().equals(requestId));
            }
            Thread.sleep(300);
            boolean reopened = !topics.events(ApprovalReopened.class, e -> e.requestId().equals(requestId)).isEmpty();
            assertThat(deployed ^ reopened).as("round %d: deployed %s, reopened %s", round, deployed, reopened)
                    .isTrue();
            assertThat(http().get("alice", "/api/approval-requests/" + requestId).json().path("status").asString())
                    .isEqualTo(deployed ? "CONSUMED" : "PENDING");
        }
    }

    /**
     * Waits until the request's events settle where the live view says it is (APPROVED or PENDING under
     * {@code required}), and checks that approvals and reopenings alternated: never approved twice without a reopening
     * between, never reopened unless approved.
     */
    private void awaitSettled(String requestId, int required) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var view = http().get("alice", "/api/approval-requests/" + requestId).json();
            boolean approved = view.path("approvals").asInt() >= required;
            assertThat(view.path("status").asString()).isEqualTo(approved ? "APPROVED" : "PENDING");
            List<String> transitions = topics.events(dev.shipgate.contracts.EventPayload.class,
                            data -> data instanceof ImageApproved a && a.requestId().equals(requestId)
                                    || data instanceof ApprovalReopened r && r.requestId().equals(requestId))
                    .stream().map(data -> data instanceof ImageApproved ? "APPROVED" : "REOPENED").toList();
            for (int i = 0; i < transitions.size(); i++) {
                assertThat(transitions.get(i)).as("transition %d of %s", i, transitions)
                        .isEqualTo(i % 2 == 0 ? "APPROVED" : "REOPENED");
            }
            assertThat(transitions.size() % 2 == 1).as("stored state of %s", transitions).isEqualTo(approved);
        });
    }

    private static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
