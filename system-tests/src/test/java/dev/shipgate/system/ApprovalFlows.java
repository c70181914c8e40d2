package dev.shipgate.system;

import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approval flows driven through the gateway as a CD pipeline and its people would, retrying what a restart or a
 * killed instance lost, and the checks that each ended right: one healthy deployment, its approval consumed, one
 * mail per approver (by Message-ID). Shared by the system tests that break things mid-flow.
 */
final class ApprovalFlows {

    private final Http gateway;
    private final Http inbox;

    /**
     * @param gateway the system's entry point
     * @param inbox   the SMTP server's HTTP view of what it received
     */
    ApprovalFlows(Http gateway, Http inbox) {
        this.gateway = gateway;
        this.inbox = inbox;
    }

    /** One image through the gate: CI reports it, alice asks, bob approves, alice deploys, it becomes healthy. */
    public record Flow(String tag, String pipeline, String digest, String requestId, String deploymentId) {
    }

    List<CompletableFuture<Flow>> startFlows(String phase, int count) {
        List<CompletableFuture<Flow>> flows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tag = "ft-" + phase + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            flows.add(CompletableFuture.supplyAsync(() -> runFlow(tag)));
        }
        return flows;
    }

    /** Each flow on its own pipeline (environment = tag), so no deployment supersedes another. */
    Flow runFlow(String tag) {
        String pipeline = createPipeline(tag, Map.of());
        String digest = reportImage(tag);
        String request = requestApproval(pipeline, digest);
        retry(() -> gateway.postWithAuthorization(bearer("bob"), "/api/approval-requests/" + request + "/approve",
                null), 200, 409);
        retry(() -> gateway.postWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline + "/deployments",
                Map.of("imageDigest", digest)), 202, 409);
        String deploymentId = Awaitility.await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
                .until(() -> healthyDeploymentOf(pipeline, digest), id -> id != null);
        return new Flow(tag, pipeline, digest, request, deploymentId);
    }

    /**
     * An approval request nobody votes on, on a pipeline whose requests expire after a minute (the shortest allowed):
     * approval-service's expiry sweep ends it.
     *
     * @return the request's id
     */
    String requestLeftToExpire(String tag) {
        String pipeline = createPipeline(tag, Map.of("requestLifetimeSeconds", 60));
        return requestApproval(pipeline, reportImage(tag));
    }

    /** @param settings more pipeline settings, over the defaults (one approval, MANUAL trigger) */
    String createPipeline(String tag, Map<String, Object> settings) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "project", "shop", "application", "payments", "environment", tag, "target", "simulated",
                "requiredApprovals", 1, "approverRules", List.of(), "approvalLifetimeSeconds", 3600,
                "approverMayDeploy", false, "trigger", "MANUAL"));
        body.putAll(settings);
        return retry(() -> gateway.postWithAuthorization(bearer("dave"), "/api/pipelines", body), 201)
                .json().path("id").asString();
    }

    /** CI reports a new image of payments tagged {@code tag}; the answer is its digest. */
    String reportImage(String tag) {
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        retry(() -> gateway.postWithAuthorization(bearer("ci-bot"), "/api/images", Map.of("digest", digest,
                "repository", "registry.local/payments", "tag", tag, "application", "payments")), 201, 200);
        return digest;
    }

    /** alice asks bob to approve the image for the pipeline, once it is listed there; the answer is the request id. */
    String requestApproval(String pipeline, String digest) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() ->
                latestRequestOf(pipeline, digest) != null || imageListed(pipeline, digest));
        String requestId = latestRequestId(pipeline, digest);
        if (requestId == null) {
            retry(() -> gateway.postWithAuthorization(bearer("alice"), "/api/approval-requests", Map.of(
                    "pipelineId", pipeline, "imageDigest", digest, "approvers", List.of("bob"))), 201, 409);
            requestId = Awaitility.await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
                    .until(() -> latestRequestId(pipeline, digest), id -> id != null);
        }
        return requestId;
    }

    /** A new image of payments, approved by bob for the pipeline on alice's request; the answer is its digest. */
    String approvedImage(String pipeline, String tag) {
        String digest = reportImage(tag);
        String request = requestApproval(pipeline, digest);
        retry(() -> gateway.postWithAuthorization(bearer("bob"), "/api/approval-requests/" + request + "/approve",
                null), 200);
        return digest;
    }

    /**
     * alice asks the gate API of an external pipeline whether the image may go now (issue 21), with an
     * Idempotency-Key; asked again while the image has not reached deploy-service yet (404 UNKNOWN_IMAGE).
     */
    Http.Response gate(String pipeline, String digest, String key) {
        return Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> gateway.postWithHeaders(bearer("alice"),
                "/api/pipelines/" + pipeline + "/gate?wait=PT30S", Map.of("imageDigest", digest),
                Map.of("Idempotency-Key", key)), answer -> !"UNKNOWN_IMAGE".equals(answer.reason()));
    }

    /** alice, as the CD tool, reports the external deployment's status with a link to the tool. */
    Http.Response report(String deploymentId, String status, String message, String link) {
        return gateway.postWithAuthorization(bearer("alice"), "/api/deployments/" + deploymentId + "/status",
                Map.of("status", status, "message", message, "link", link));
    }

    /** Calls until the answer is one of {@code done}: a lost answer or a system being restarted is tried again. */
    static Http.Response retry(Supplier<Http.Response> call, int... done) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            try {
                Http.Response response = call.get();
                for (int status : done) {
                    if (response.status() == status) {
                        return response;
                    }
                }
                if (response.status() < 500 && response.status() != 429 && response.status() != 404) {
                    throw new AssertionError("refused: " + response.status() + " " + response.body());
                }
            } catch (UncheckedIOException e) {
                // the gateway is being restarted
            }
            sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("no answer in 3 minutes");
    }

    boolean imageListed(String pipeline, String digest) {
        return gateway.getWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline + "/images?size=100")
                .body().contains(digest);
    }

    JsonNode latestRequestOf(String pipeline, String digest) {
        for (JsonNode image : gateway.getWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline
                + "/images?size=100").json()) {
            if (image.path("digest").asString().equals(digest) && image.path("latestRequest").isObject()) {
                return image.path("latestRequest");
            }
        }
        return null;
    }

    String latestRequestId(String pipeline, String digest) {
        JsonNode request = latestRequestOf(pipeline, digest);
        return request == null ? null : request.path("id").asString();
    }

    List<JsonNode> deploymentsOf(String pipeline, String digest) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode deployment : gateway.getWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline
                + "/deployments?size=100").json()) {
            if (deployment.path("image").path("digest").asString().equals(digest)) {
                found.add(deployment);
            }
        }
        return found;
    }

    String healthyDeploymentOf(String pipeline, String digest) {
        return deploymentsOf(pipeline, digest).stream().filter(d -> d.path("status").asString().equals("HEALTHY"))
                .map(d -> d.path("id").asString()).findFirst().orElse(null);
    }

    void awaitMailOfEveryFlow(List<Flow> finished) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (Flow flow : finished) {
                assertThat(mailsTo("bob@example.com",
                        "Approval requested: payments " + flow.tag() + " to " + flow.tag()))
                        .as("mail for " + flow.tag()).isNotEmpty();
            }
        });
    }

    /** One approval used by one healthy deployment per image, and one mail per approver: nothing doubled. */
    void assertNothingDoubled(List<Flow> finished) {
        sleep(Duration.ofSeconds(3)); // time for a duplicate, were there one, to show up
        for (Flow flow : finished) {
            List<JsonNode> deployments = deploymentsOf(flow.pipeline(), flow.digest());
            assertThat(deployments.stream().filter(d -> !d.path("status").asString().equals("REJECTED")))
                    .as("deployments of " + flow.tag()).hasSize(1);
            assertThat(deployments.stream().filter(d -> d.path("status").asString().equals("HEALTHY")))
                    .as("healthy deployments of " + flow.tag()).hasSize(1);
            JsonNode request = gateway.getWithAuthorization(bearer("alice"), "/api/approval-requests/"
                    + flow.requestId()).json();
            assertThat(request.path("status").asString()).as("used by its deployment").isEqualTo("CONSUMED");
            assertThat(request.path("approvals").asInt()).as("approvals of " + flow.tag()).isEqualTo(1);
            // a service killed between the SMTP send and the recorded outcome sends the mail again: as the same
            // message (one Message-ID), which is what "one mail per recipient and event" means to a mail client
            assertThat(messageIdsTo("bob@example.com", "Approval requested: payments " + flow.tag() + " to "
                    + flow.tag())).as("mails for " + flow.tag()).hasSize(1);
        }
    }

    /** The Message-IDs of the mails to {@code to} with this subject: a mail sent again keeps its id. */
    Set<String> messageIdsTo(String to, String subject) {
        return mailsTo(to, subject).stream().map(mail -> mail.path("messageId").asString())
                .collect(Collectors.toSet());
    }

    List<JsonNode> mailsTo(String to, String subject) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode mail : inbox.get(null, "/api/messages").json()) {
            if (mail.path("subject").asString().equals(subject) && mail.path("to").toString().contains(to)) {
                found.add(mail);
            }
        }
        return found;
    }

    static String bearer(String user) {
        return "Bearer " + TestTokens.forUser(user);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
