package dev.shipgate.approval.it;

import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.testing.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the Build & Deploy screens ask for, and the rules that show in those answers. */
class QueriesIT extends ApprovalServiceTestBase {

    @Test
    void the_screens_see_approval_state_pending_lists_approvers_history_and_the_active_image() {
        String pipeline = pipeline("prod", 2, List.of(), false);
        String first = image("4.0.0-a", "ci-bot");
        String second = image("4.1.0-b", "ci-bot");
        awaitImage(pipeline, first);
        awaitImage(pipeline, second);
        String requestId = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", first, "approvers", List.of("bob"), "comment", "release 4.0")).json().path("id")
                .asString();
        http().post("bob", "/api/approval-requests/" + requestId + "/approve", Map.of("comment", "fine"));

        JsonNode filtered = http().get("erin", "/api/pipelines/" + pipeline + "/images?tag=4.0").json();
        assertThat(filtered.size()).isEqualTo(1);
        assertThat(filtered.get(0).path("digest").asString()).isEqualTo(first);
        assertThat(filtered.get(0).path("latestRequest").path("approvals").asInt()).isEqualTo(1);
        assertThat(filtered.get(0).path("latestRequest").path("remainingApprovals").asInt()).isEqualTo(1);
        assertThat(filtered.get(0).path("deployable").asBoolean()).isFalse();
        assertThat(filtered.get(0).path("allowedActions").toString()).as("a viewer may do nothing").isEqualTo("[]");
        assertThat(http().get("alice", "/api/pipelines/" + pipeline + "/images?tag=4.1").json().get(0)
                .path("allowedActions").toString()).as("no request yet").isEqualTo("[\"request\"]");

        assertThat(ids(http().get("carol", "/api/approval-requests/pending-my-approval"))).contains(requestId);
        assertThat(ids(http().get("alice", "/api/approval-requests/pending-my-approval"))).doesNotContain(requestId);
        assertThat(ids(http().get("bob", "/api/approval-requests/pending-my-approval"))).doesNotContain(requestId);
        assertThat(http().get("carol", "/api/approval-requests/" + requestId).json().path("allowedActions")
                .toString()).contains("approve", "reject").doesNotContain("cancel");
        assertThat(http().get("alice", "/api/approval-requests/" + requestId).json().path("allowedActions")
                .toString()).contains("cancel", "expire").doesNotContain("approve");

        assertThat(http().get("alice", "/api/pipelines/" + pipeline + "/approvers?imageDigest=" + first).json()
                .toString()).contains("bob", "carol", "dave").doesNotContain("alice", "ci-bot", "erin");

        Http.Response second_request = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", first));
        assertThat(second_request.status()).isEqualTo(409);
        assertThat(second_request.reason()).isEqualTo("OPEN_REQUEST_EXISTS");

        assertThat(ids(http().get("alice", "/api/pipelines/" + pipeline + "/deployable-images"))).isEmpty();
        http().post("carol", "/api/approval-requests/" + requestId + "/approve", null);
        JsonNode deployable = http().get("alice", "/api/pipelines/" + pipeline + "/deployable-images").json();
        assertThat(deployable.size()).isEqualTo(1);
        assertThat(deployable.get(0).path("digest").asString()).isEqualTo(first);
        assertThat(deployable.get(0).path("allowedActions").toString())
                .as("approved: deploy it now or schedule it, no second request")
                .isEqualTo("[\"deploy\",\"schedule\"]");
        assertThat(deployable.get(0).path("repository").asString()).isEqualTo("registry.local/payments");

        List<String> history = new ArrayList<>();
        http().get("erin", "/api/approval-requests/" + requestId + "/history").json()
                .forEach(entry -> history.add(entry.path("actor").asString() + ":" + entry.path("action").asString()));
        assertThat(history).containsExactly("alice:REQUESTED", "bob:APPROVED", "carol:APPROVED");

        topics.publish(new DeploymentStatusChanged("dp-q", new PipelineImage(pipeline, "payments", "prod", second,
                "4.1.0-b"), "alice", "HEALTHY", "all replicas available", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode image : http().get("erin", "/api/pipelines/" + pipeline + "/images").json()) {
                if (image.path("digest").asString().equals(second)) {
                    return "prod".equals(image.path("activeOn").asString());
                }
            }
            return false;
        });
    }

    @Test
    void an_unused_approval_expires_by_itself_when_its_lifetime_ends() {
        String pipeline = pipeline("prod", 1, List.of(), false, 2);
        String digest = image("5.0.0", "ci-bot");
        awaitImage(pipeline, digest);
        String requestId = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", digest)).json().path("id").asString();
        assertThat(http().post("bob", "/api/approval-requests/" + requestId + "/approve", null).json()
                .path("status").asString()).isEqualTo("APPROVED");

        ApprovalExpired expired = topics.await(ApprovalExpired.class, e -> e.requestId().equals(requestId));

        assertThat(expired.reason()).isEqualTo("APPROVAL_LIFETIME_ENDED");
        assertThat(expired.expiredBy()).isNull();
        assertThat(http().get("alice", "/api/approval-requests/" + requestId).json().path("status").asString())
                .isEqualTo("EXPIRED");
    }

    private static List<String> ids(Http.Response response) {
        List<String> ids = new ArrayList<>();
        response.json().forEach(node -> ids.add(node.path("id").asString()));
        return ids;
    }
}
