package dev.shipgate.approval.it;

import dev.shipgate.contracts.events.ApprovalGiven;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.testing.Http;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalFlowIT extends ApprovalServiceTestBase {

    @Test
    void an_image_is_requested_approved_by_two_others_and_deployed_exactly_once() {
        String pipeline = pipeline("prod", 2, List.of(), false);
        String digest = image("1.0.0", "ci-bot");
        awaitImage(pipeline, digest);

        Http.Response created = http().post("alice", "/api/approval-requests",
                Map.of("pipelineId", pipeline, "imageDigest", digest, "approvers", List.of("bob", "carol")));
        assertThat(created.status()).isEqualTo(201);
        String requestId = created.json().path("id").asString();
        ApprovalRequested requested = topics.await(ApprovalRequested.class, e -> e.requestId().equals(requestId));
        assertThat(requested.approvers()).containsExactly("bob", "carol");

        Http.Response own = http().post("alice", "/api/approval-requests/" + requestId + "/approve", null);
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.contentType()).startsWith("application/problem+json");
        assertThat(own.reason()).isEqualTo("REQUESTER_CANNOT_APPROVE");

        Http.Response first = http().post("bob", "/api/approval-requests/" + requestId + "/approve",
                Map.of("comment", "ok"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(first.json().path("remainingApprovals").asInt()).isEqualTo(1);
        topics.await(ApprovalGiven.class, e -> e.requestId().equals(requestId) && e.approver().equals("bob"));

        String partial = deploy(pipeline, digest, "1.0.0", "alice");
        assertThat(topics.await(DeploymentRejected.class, e -> e.deploymentId().equals(partial)).reason())
                .isEqualTo("PARTIALLY_APPROVED");

        Http.Response second = http().post("carol", "/api/approval-requests/" + requestId + "/approve", null);
        assertThat(second.json().path("status").asString()).isEqualTo("APPROVED");
        topics.await(ImageApproved.class, e -> e.requestId().equals(requestId));

        String deployment = deploy(pipeline, digest, "1.0.0", "alice");
        DeploymentAuthorized authorized = topics.await(DeploymentAuthorized.class,
                e -> e.deploymentId().equals(deployment));
        assertThat(authorized.approvalRequestId()).isEqualTo(requestId);
        assertThat(authorized.approvedBy()).containsExactly("bob", "carol");

        String again = deploy(pipeline, digest, "1.0.0", "alice");
        assertThat(topics.await(DeploymentRejected.class, e -> e.deploymentId().equals(again)).reason())
                .isEqualTo("APPROVAL_ALREADY_USED");
        assertThat(http().get("alice", "/api/approval-requests/" + requestId).json().path("status").asString())
                .isEqualTo("CONSUMED");
    }

    private String deploy(String pipeline, String digest, String tag, String user) {
        String deploymentId = "dp-" + UUID.randomUUID();
        topics.publish(new DeploymentRequested(deploymentId,
                new PipelineImage(pipeline, "payments", "prod", digest, tag), user, null));
        return deploymentId;
    }
}
