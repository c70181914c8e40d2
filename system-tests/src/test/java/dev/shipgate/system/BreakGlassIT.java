package dev.shipgate.system;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentRequested;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.shipgate.system.ApprovalFlows.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's audited break-glass through the gateway, as real processes: on a pipeline of its own with a break-glass
 * policy (Manager, review within an hour), mona deploys an image nobody approved, giving a justification; the
 * deployment is AUTHORIZED without an approval and becomes HEALTHY, DeploymentBrokeGlass is published and no
 * DeploymentRequested (approval-service never sees it), the pipeline's approvers and admins are mailed at once with
 * her words escaped; dave, another approver, acknowledges the review; dave cannot review his own break-glass. The
 * seed's policy on payments-prod is there.
 */
@ExtendWith(SharedSystem.class)
class BreakGlassIT {

    private static TopicWatcher topics;
    private static Http gateway;
    private static ApprovalFlows flows;

    @BeforeAll
    static void start(RunningSystem system) {
        topics = new TopicWatcher(system.infra, List.of(Topics.DEPLOYMENTS));
        gateway = new Http(system.gatewayUrl());
        flows = new ApprovalFlows(gateway, new Http(system.infra.inboxUrl()));
    }

    @AfterAll
    static void stop() {
        topics.close();
    }

    @Test
    void a_break_glass_deploys_without_approval_mails_at_once_and_is_reviewed_by_another_approver() {
        assertThat(gateway.getWithAuthorization(bearer("dave"), "/api/pipelines/payments-prod/break-glass/policy")
                .json().path("allowedRole").asString()).isEqualTo("MANAGER"); // the seed's

        String tag = "bg" + UUID.randomUUID().toString().substring(0, 6);
        String pipeline = flows.createPipeline(tag, Map.of());
        Http.Response policy = ApprovalFlows.retry(() -> gateway.putWithAuthorization(bearer("dave"),
                "/api/pipelines/" + pipeline + "/break-glass/policy",
                Map.of("allowedRole", "MANAGER", "reviewWithin", "PT1H")), 200);
        assertThat(policy.json().path("reviewWithin").asString()).isEqualTo("PT1H");
        String digest = flows.reportImage(tag);

        String justification = "checkout <script>alert(1)</script> down";
        Http.Response broken = ApprovalFlows.retry(() -> breakGlass("mona", pipeline, digest, justification), 201);
        String id = broken.json().path("id").asString();
        assertThat(broken.json().path("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(broken.json().path("approvalRequestId").isNull()).isTrue();

        DeploymentBrokeGlass event = topics.await(DeploymentBrokeGlass.class, e -> e.deploymentId().equals(id));
        assertThat(event.brokenBy()).isEqualTo("mona");
        assertThat(event.justification()).isEqualTo(justification);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deployment("mona", id)
                .path("status").asString()).isEqualTo("HEALTHY"));
        assertThat(topics.events(DeploymentRequested.class, e -> e.deploymentId().equals(id))).isEmpty();

        String subject = "Break-glass: payments " + tag + " to " + tag;
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(flows.mailsTo("dave@example.com", subject)).isNotEmpty();
            assertThat(flows.mailsTo("mona@example.com", subject)).isNotEmpty();
        });
        JsonNode mail = flows.mailsTo("dave@example.com", subject).get(0);
        assertThat(mail.path("html").asString()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat(flows.mailsTo("alice@example.com", subject)).isEmpty(); // neither approver nor admin

        assertThat(review("mona", id, "ACKNOWLEDGED").reason()).isEqualTo("NOT_ALLOWED_TO_REVIEW");
        Http.Response acknowledged = review("dave", id, "ACKNOWLEDGED");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.json().path("breakGlass").path("reviewedBy").asString()).isEqualTo("dave");
        assertThat(topics.await(BreakGlassReviewChanged.class, e -> e.deploymentId().equals(id)).status())
                .isEqualTo("ACKNOWLEDGED");

        String second = flows.reportImage(tag + "b");
        String own = ApprovalFlows.retry(() -> breakGlass("dave", pipeline, second, "hotfix"), 201).json().path("id")
                .asString();
        Http.Response refused = review("dave", own, "ACKNOWLEDGED");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(refused.reason()).isEqualTo("OWN_BREAK_GLASS_REVIEW");
        assertThat(deployment("dave", own).path("breakGlass").path("review").asString()).isEqualTo("OPEN");
    }

    private static Http.Response breakGlass(String user, String pipeline, String digest, String justification) {
        return gateway.postWithAuthorization(bearer(user), "/api/pipelines/" + pipeline
                + "/break-glass/deployments", Map.of("imageDigest", digest, "justification", justification,
                "incidentRef", "INC-1"));
    }

    private static Http.Response review(String user, String deploymentId, String outcome) {
        return gateway.postWithAuthorization(bearer(user), "/api/deployments/" + deploymentId
                + "/break-glass-review", Map.of("outcome", outcome, "comment", "seen in the incident channel"));
    }

    private static JsonNode deployment(String user, String id) {
        return gateway.getWithAuthorization(bearer(user), "/api/deployments/" + id).json();
    }
}
