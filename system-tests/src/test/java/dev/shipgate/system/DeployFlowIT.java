package dev.shipgate.system;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.runtime.ManagedProcess;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Triggering CD through the gateway, with approval-service deciding and deploy-service running the simulated
 * target: what deploys, what is refused and why, AUTOMATIC pipelines, rollback, a restart mid-rollout, a timeout.
 */
@ExtendWith(SharedSystem.class)
@org.junit.jupiter.api.Order(SharedSystem.DISRUPTIVE) // it stops and kills services
class DeployFlowIT {

    private static RunningSystem system;
    private static TopicWatcher topics;
    private static Http gateway;

    @BeforeAll
    static void start(RunningSystem shared) {
        // the shared system's rollout monitor reads every live deployment only when it starts: rollouts must be
        // followed from its watch list, and the restarted deploy-service below must find its live ones at once
        system = shared;
        topics = new TopicWatcher(system.infra, List.of(Topics.DEPLOYMENTS, Topics.APPROVALS,
                Topics.PIPELINES));
        gateway = new Http(system.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        topics.close();
    }

    @Test
    void an_approved_image_deploys_once_and_becomes_the_active_one() {
        String digest = image("6.0.0");
        String request = requestApproval("payments-staging", digest);
        assertThat(approve("bob", request).path("status").asString()).isEqualTo("APPROVED");

        String deployment = deploy("alice", "payments-staging", digest);

        assertThat(awaitFinal(deployment).path("status").asString()).isEqualTo("HEALTHY");
        assertThat(timeline(deployment)).containsExactly("REQUESTED", "AUTHORIZED", "PROGRESSING", "HEALTHY");
        assertThat(get("alice", "/api/pipelines/payments-staging/active").json().path("id").asString())
                .isEqualTo(deployment);
        JsonNode again = awaitFinal(deploy("alice", "payments-staging", digest));
        assertThat(again.path("status").asString()).isEqualTo("REJECTED");
        assertThat(lastDetail(again)).contains("APPROVAL_ALREADY_USED");
        assertThat(get("alice", "/api/pipelines/payments-staging/deployable-images").body()).doesNotContain(digest);
    }

    @Test
    void partially_approved_expired_and_cancelled_approvals_are_refused_with_their_reasons() {
        String partial = image("6.1.0");
        approve("bob", requestApproval("payments-prod", partial));
        assertThat(lastDetail(awaitFinal(deploy("alice", "payments-prod", partial)))).contains("PARTIALLY_APPROVED");

        String expired = image("6.2.0");
        String expiredRequest = requestApproval("payments-staging", expired);
        approve("bob", expiredRequest);
        assertThat(post("alice", "/api/approval-requests/" + expiredRequest + "/expire", null).status())
                .isEqualTo(200);
        assertThat(lastDetail(awaitFinal(deploy("alice", "payments-staging", expired)))).contains("APPROVAL_EXPIRED");

        String cancelled = image("6.3.0");
        String cancelledRequest = requestApproval("payments-staging", cancelled);
        assertThat(post("alice", "/api/approval-requests/" + cancelledRequest + "/cancel", null).status())
                .isEqualTo(200);
        assertThat(lastDetail(awaitFinal(deploy("alice", "payments-staging", cancelled))))
                .contains("APPROVAL_CANCELLED");

        String none = image("6.4.0");
        assertThat(lastDetail(awaitFinal(deploy("alice", "payments-staging", none)))).contains("NO_APPROVAL");

        Http.Response viewer = post("erin", "/api/pipelines/payments-staging/deployments",
                Map.of("imageDigest", none));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.reason()).isEqualTo("NOT_ALLOWED_TO_DEPLOY");
    }

    @Test
    void two_users_deploying_one_approval_at_once_get_one_deployment() throws Exception {
        String digest = image("6.5.0");
        approve("carol", requestApproval("payments-staging", digest));

        var first = CompletableFuture.supplyAsync(() -> deploy("alice", "payments-staging", digest));
        var second = CompletableFuture.supplyAsync(() -> deploy("bob", "payments-staging", digest));
        List<String> statuses = new ArrayList<>();
        for (String id : List.of(first.get(), second.get())) {
            JsonNode finished = awaitFinal(id);
            statuses.add(finished.path("status").asString() + (finished.path("status").asString().equals("REJECTED")
                    ? ":" + lastDetail(finished) : ""));
        }
        assertThat(statuses).anyMatch(s -> s.equals("HEALTHY") || s.equals("SUPERSEDED"));
        assertThat(statuses).anyMatch(s -> s.startsWith("REJECTED") && s.contains("APPROVAL_ALREADY_USED"));
    }

    @Test
    void on_an_automatic_pipeline_the_last_approval_starts_the_deployment() {
        String digest = image("6.6.0");
        approve("bob", requestApproval("payments-qa", digest));

        DeploymentStatusChanged healthy = topics.await(DeploymentStatusChanged.class,
                e -> e.image().digest().equals(digest) && e.status().equals("HEALTHY"));

        assertThat(healthy.image().pipelineId()).isEqualTo("payments-qa");
        assertThat(healthy.requestedBy()).isEqualTo("alice");
        // issue 16: the events say which approval started it and who approved
        assertThat(healthy.approvalRequestId()).isNotBlank();
        assertThat(healthy.approvedBy()).containsExactly("bob");
    }

    @Test
    void a_deploy_call_with_wait_answers_the_decision_and_the_audit_shows_it() {
        String approved = image("7.1.0");
        String request = requestApproval("payments-staging", approved);
        approve("bob", request);
        Http.Response authorized = deployWaiting("alice", "payments-staging", approved, "PT20S");
        assertThat(authorized.status()).as(authorized.body()).isEqualTo(201);
        assertThat(authorized.json().path("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(authorized.header("Location")).endsWith("/api/deployments/" + authorized.json().path("id")
                .asString());

        Http.Response used = deployWaiting("alice", "payments-staging", approved, "PT20S");
        assertThat(used.status()).as(used.body()).isEqualTo(409);
        assertThat(used.reason()).isEqualTo("APPROVAL_ALREADY_USED");

        String partial = image("7.2.0");
        approve("bob", requestApproval("payments-prod", partial));
        Http.Response refused = deployWaiting("alice", "payments-prod", partial, "PT20S");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.reason()).isEqualTo("PARTIALLY_APPROVED");

        // the audit, through the gateway: bob's vote and alice's use of it, and her refused second use
        JsonNode audit = get("dave", "/api/audit?requestId=" + request).json();
        List<String> lines = new ArrayList<>();
        audit.forEach(r -> lines.add(r.path("actor").asString() + " " + r.path("action").asString() + " "
                + r.path("outcome").asString()));
        assertThat(lines).contains("alice DEPLOYED DONE", "bob APPROVED DONE", "alice REQUESTED DONE",
                "alice DEPLOY REFUSED");
        assertThat(get("dave", "/api/audit?requestId=" + request + "&format=csv").contentType())
                .startsWith("text/csv");
    }

    @Test
    void a_rollback_deploys_an_earlier_image_and_needs_its_own_approval() {
        String old = image("6.7.0");
        approve("bob", requestApproval("payments-staging", old));
        String oldDeployment = deploy("alice", "payments-staging", old);
        assertThat(awaitFinal(oldDeployment).path("status").asString()).isEqualTo("HEALTHY");
        String current = image("6.8.0");
        approve("bob", requestApproval("payments-staging", current));
        assertThat(awaitFinal(deploy("alice", "payments-staging", current)).path("status").asString())
                .isEqualTo("HEALTHY");
        assertThat(get("alice", "/api/deployments/" + oldDeployment).json().path("status").asString())
                .isEqualTo("SUPERSEDED");

        Http.Response unapproved = post("alice", "/api/pipelines/payments-staging/rollbacks",
                Map.of("deploymentId", oldDeployment));
        assertThat(unapproved.status()).isEqualTo(202);
        assertThat(lastDetail(awaitFinal(unapproved.json().path("id").asString()))).contains("APPROVAL_ALREADY_USED");

        approve("carol", requestApproval("payments-staging", old));
        Http.Response rollback = post("alice", "/api/pipelines/payments-staging/rollbacks",
                Map.of("deploymentId", oldDeployment));
        JsonNode rolledBack = awaitFinal(rollback.json().path("id").asString());
        assertThat(rolledBack.path("status").asString()).isEqualTo("HEALTHY");
        assertThat(rolledBack.path("rollbackOf").asString()).isEqualTo(oldDeployment);
        assertThat(rolledBack.path("image").path("digest").asString()).isEqualTo(old);
    }

    @Test
    void a_deploy_service_killed_mid_rollout_resumes_following_and_a_stuck_rollout_times_out() {
        String hanging = image("6.9.0-hang");
        String normal = image("7.0.0");
        approve("bob", requestApproval("payments-staging", normal));
        String stuck = deploy("alice", "payments-dev", hanging);
        String progressing = deploy("alice", "payments-staging", normal);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "PROGRESSING".equals(status(stuck))
                && "PROGRESSING".equals(status(progressing)));

        system.services.get("deploy-service").kill();
        system.services.get("deploy-service").start();
        system.services.get("deploy-service").awaitReady(Duration.ofSeconds(120),
                () -> RunningSystem.isReady(system.ports.get("deploy-service")));

        assertThat(awaitFinal(progressing).path("status").asString()).isEqualTo("HEALTHY");
        assertThat(awaitFinal(stuck).path("status").asString()).isEqualTo("TIMED_OUT");
        assertThat(timeline(stuck)).containsExactly("REQUESTED", "AUTHORIZED", "PROGRESSING", "TIMED_OUT");
        assertThat(timeline(progressing)).containsExactly("REQUESTED", "AUTHORIZED", "PROGRESSING", "HEALTHY");
    }

    /**
     * A decision that is not about the deployment deploy-service recorded (another image, another requester, a
     * deployment never requested) is refused and logged, even from approval-service's own principal, and the real
     * decision still applies afterwards (issue 15, item 6).
     */
    @Test
    void a_decision_naming_another_image_or_requester_is_refused_and_the_real_one_still_applies() {
        String digest = image("7.1.0");
        ManagedProcess approval = system.services.get("approval-service");
        ManagedProcess deployService = system.services.get("deploy-service");
        approval.stop(); // no real decision until it is back
        try {
            String deployment = deploy("alice", "payments-staging", digest);
            PipelineImage recorded = new PipelineImage("payments-staging", "payments", "staging", digest, "7.1.0");
            PipelineImage evil = new PipelineImage("payments-staging", "payments", "staging", "sha256:evil", "6.6.6");
            topics.publish(new DeploymentAuthorized(deployment, evil, "alice", "ar-forged", List.of("mallory")));
            topics.publish(new DeploymentAuthorized(deployment, recorded, "mallory", "ar-forged", List.of("mallory")));
            String never = "dp-" + UUID.randomUUID();
            topics.publish(new DeploymentAuthorized(never, recorded, "alice", "ar-forged", List.of("mallory")));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    deployService.printedSinceStart("refused DeploymentAuthorized for deployment " + never)
                            && deployService.printedSinceStart("it names requester mallory")
                            && deployService.printedSinceStart("it names image sha256:evil"));
            assertThat(status(deployment)).isEqualTo("REQUESTED");
            assertThat(get("alice", "/api/deployments/" + never).status()).isEqualTo(404);

            approval.start();
            approval.awaitReady(Duration.ofSeconds(120), () -> RunningSystem.isReady(
                    system.ports.get("approval-service")));
            JsonNode decided = awaitFinal(deployment);
            assertThat(decided.path("status").asString()).isEqualTo("REJECTED");
            assertThat(lastDetail(decided)).contains("NO_APPROVAL");
            assertThat(timeline(deployment)).containsExactly("REQUESTED", "REJECTED");
        } finally {
            if (!approval.isAlive()) {
                approval.start();
                approval.awaitReady(Duration.ofSeconds(120), () -> RunningSystem.isReady(
                        system.ports.get("approval-service")));
            }
        }
    }

    private static String status(String deploymentId) {
        return get("alice", "/api/deployments/" + deploymentId).json().path("status").asString();
    }

    @Test
    void pipelines_are_configured_by_admins_and_managers_and_published_on_the_compacted_topic() {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("project", "shop", "application", "payments",
                "environment", "perf", "target", "simulated", "requiredApprovals", 3, "approverMayDeploy", false,
                "trigger", "MANUAL"));
        Http.Response byDeveloper = post("alice", "/api/pipelines", body);
        assertThat(byDeveloper.status()).isEqualTo(403);
        assertThat(byDeveloper.reason()).isEqualTo("NOT_ALLOWED_TO_CONFIGURE");
        Http.Response tooMany = post("mona", "/api/pipelines", Map.of("project", "shop", "application", "payments",
                "environment", "perf", "target", "simulated", "requiredApprovals", 7));
        assertThat(tooMany.status()).isEqualTo(400);

        Http.Response created = post("mona", "/api/pipelines", body);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        topics.await(dev.shipgate.contracts.events.PipelineConfigured.class,
                e -> e.pipelineId().equals(id) && e.requiredApprovals() == 3);
        assertThat(get("erin", "/api/pipelines/" + id).status()).isEqualTo(200);
        assertThat(gateway.getWithAuthorization("Bearer " + token("mona"), "/api/pipelines?application=payments")
                .body()).contains(id);

        body.put("requiredApprovals", 1);
        Http.Response updated = gateway.putWithAuthorization("Bearer " + token("mona"), "/api/pipelines/" + id, body);
        assertThat(updated.status()).isEqualTo(200);
        topics.await(dev.shipgate.contracts.events.PipelineConfigured.class,
                e -> e.pipelineId().equals(id) && e.requiredApprovals() == 1);
        assertThat(gateway.deleteWithAuthorization("Bearer " + token("alice"), "/api/pipelines/" + id).status())
                .isEqualTo(403);
        assertThat(gateway.deleteWithAuthorization("Bearer " + token("dave"), "/api/pipelines/" + id).status())
                .isEqualTo(204);
        topics.await(dev.shipgate.contracts.events.PipelineConfigured.class,
                e -> e.pipelineId().equals(id) && e.deleted());
        assertThat(get("erin", "/api/pipelines/" + id).status()).isEqualTo(404);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static String image(String tag) {
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        topics.publish(new ImageBuilt(digest, "registry.local/payments", tag, "c0ffee", "payments", "ci-bot",
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                get("alice", "/api/pipelines/payments-dev/images?size=100").body().contains(digest));
        return digest;
    }

    private static String requestApproval(String pipeline, String digest) {
        Http.Response response = post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", digest));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private static JsonNode approve(String user, String requestId) {
        Http.Response response = post(user, "/api/approval-requests/" + requestId + "/approve", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Deploys; a 404 (deploy-service has not seen the image yet) created nothing, so it is asked again. */
    private static String deploy(String user, String pipeline, String digest) {
        Http.Response response = post(user, "/api/pipelines/" + pipeline + "/deployments",
                Map.of("imageDigest", digest));
        for (int attempt = 0; response.status() == 404 && attempt < 300; attempt++) {
            sleep(200);
            response = post(user, "/api/pipelines/" + pipeline + "/deployments", Map.of("imageDigest", digest));
        }
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().path("id").asString();
    }

    /** A deploy with {@code ?wait=}, made again while the image has not reached deploy-service yet (404). */
    private static Http.Response deployWaiting(String user, String pipeline, String digest, String wait) {
        String path = "/api/pipelines/" + pipeline + "/deployments?wait=" + wait;
        Http.Response response = post(user, path, Map.of("imageDigest", digest));
        for (int attempt = 0; "UNKNOWN_IMAGE".equals(response.reason()) && attempt < 300; attempt++) {
            sleep(200);
            response = post(user, path, Map.of("imageDigest", digest));
        }
        return response;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode awaitFinal(String deploymentId) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = get("alice", "/api/deployments/" + deploymentId).json().path("status").asString();
            return List.of("HEALTHY", "REJECTED", "FAILED", "DEGRADED", "TIMED_OUT", "SUPERSEDED").contains(status);
        });
        return get("alice", "/api/deployments/" + deploymentId).json();
    }

    private static List<String> timeline(String deploymentId) {
        List<String> statuses = new ArrayList<>();
        get("alice", "/api/deployments/" + deploymentId).json().path("timeline")
                .forEach(step -> statuses.add(step.path("status").asString()));
        return statuses;
    }

    private static String lastDetail(JsonNode deployment) {
        JsonNode timeline = deployment.path("timeline");
        return timeline.get(timeline.size() - 1).path("detail").asString();
    }

    private static Http.Response get(String user, String path) {
        return gateway.getWithAuthorization("Bearer " + token(user), path);
    }

    private static Http.Response post(String user, String path, Object body) {
        return gateway.postWithAuthorization("Bearer " + token(user), path, body);
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> gateway.post(null, "/api/auth/token", Map.of("username", u,
                "password", "shipgate-demo")).json().path("accessToken").asString());
    }
}
