package dev.shipgate.approval.it;

import dev.shipgate.contracts.events.ApprovalNoLongerNeeded;
import dev.shipgate.contracts.events.ApprovalReopened;
import dev.shipgate.contracts.events.ApprovalWithdrawn;
import dev.shipgate.contracts.events.ApproverRule;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineImage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 through approval-service's HTTP API and Kafka: a pipeline's policy change (PipelineConfigured) and a
 * voter's access change (saved through the access API, read back from the access topic) judge open requests again;
 * the views show each rule's progress and who could still complete it; an approver withdraws their vote.
 */
class DecidedAtUseIT extends ApprovalServiceTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void a_policy_raised_lowered_and_set_to_zero_reopens_approves_and_closes_an_open_request() {
        String pipeline = pipeline("prod", 1, List.of(), false);
        String digest = image("16.1.0", "ci-bot");
        awaitImage(pipeline, digest);
        String requestId = request(pipeline, digest);
        assertThat(http().post("bob", "/api/approval-requests/" + requestId + "/approve", null).json()
                .path("status").asString()).isEqualTo("APPROVED");

        reconfigure(pipeline, 2, List.of(), "MANUAL");

        ApprovalReopened reopened = topics.await(ApprovalReopened.class, e -> e.requestId().equals(requestId));
        assertThat(reopened.counted()).containsExactly("bob");
        JsonNode view = http().get("alice", "/api/approval-requests/" + requestId).json();
        assertThat(view.path("status").asString()).isEqualTo("PENDING");
        assertThat(view.path("total").path("have").asInt()).isEqualTo(1);
        assertThat(view.path("total").path("need").asInt()).isEqualTo(2);
        assertThat(names(view.path("total").path("couldComplete"))).contains("carol", "dave")
                .doesNotContain("alice", "ci-bot", "bob");
        String refused = deploy(pipeline, digest, "16.1.0");
        assertThat(topics.await(DeploymentRejected.class, e -> e.deploymentId().equals(refused)).reason())
                .isEqualTo("PARTIALLY_APPROVED");

        reconfigure(pipeline, 1, List.of(), "MANUAL");

        Awaitility.await().atMost(WAIT).until(() ->
                topics.events(ImageApproved.class, e -> e.requestId().equals(requestId)).size() == 2);
        assertThat(status(requestId)).isEqualTo("APPROVED");

        reconfigure(pipeline, 0, List.of(), "MANUAL");

        topics.await(ApprovalNoLongerNeeded.class, e -> e.requestId().equals(requestId));
        assertThat(status(requestId)).isEqualTo("NOT_NEEDED");
        assertThat(http().get("alice", "/api/approval-requests/" + requestId + "/history").body())
                .contains("REOPENED", "NOT_NEEDED");
    }

    @Test
    void a_new_group_rule_reopens_the_approval_and_the_view_shows_who_can_complete_it() {
        String pipeline = pipeline("prod", 1, List.of(), false);
        String digest = image("16.2.0", "ci-bot");
        awaitImage(pipeline, digest);
        String requestId = request(pipeline, digest);
        http().post("bob", "/api/approval-requests/" + requestId + "/approve", null);

        reconfigure(pipeline, 1, List.of(new ApproverRule("security", 1)), "MANUAL");

        topics.await(ApprovalReopened.class, e -> e.requestId().equals(requestId));
        JsonNode rule = http().get("alice", "/api/approval-requests/" + requestId).json().path("rules").get(0);
        assertThat(rule.path("group").asString()).isEqualTo("security");
        assertThat(rule.path("have").asInt()).isZero();
        assertThat(rule.path("need").asInt()).isEqualTo(1);
        assertThat(names(rule.path("couldComplete"))).containsExactly("carol");
        JsonNode eligible = http().get("alice", "/api/pipelines/" + pipeline + "/eligible-approvers?imageDigest="
                + digest).json();
        assertThat(eligible.findValuesAsString("userId")).contains("bob", "carol", "dave");
        for (JsonNode person : eligible) {
            assertThat(names(person.path("rules"))).isEqualTo(person.path("userId").asString().equals("carol")
                    ? List.of("security") : List.of());
        }

        assertThat(http().post("carol", "/api/approval-requests/" + requestId + "/approve", null).json()
                .path("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void a_voter_removed_from_the_rules_group_or_deactivated_stops_counting_and_the_view_says_why() {
        String pipeline = pipeline("prod", 2, List.of(new ApproverRule("security", 1)), false);
        String digest = image("16.3.0", "ci-bot");
        awaitImage(pipeline, digest);
        String reviewer = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        saveUser(reviewer, List.of("security"), true);
        String requestId = request(pipeline, digest);
        http().post(reviewer, "/api/approval-requests/" + requestId + "/approve", null);
        assertThat(http().post("bob", "/api/approval-requests/" + requestId + "/approve", null).json()
                .path("status").asString()).isEqualTo("APPROVED");

        saveUser(reviewer, List.of(), true); // out of security, and with it out of Image Approver

        ApprovalReopened reopened = topics.await(ApprovalReopened.class, e -> e.requestId().equals(requestId));
        assertThat(reopened.counted()).containsExactly("bob");
        JsonNode view = http().get("alice", "/api/approval-requests/" + requestId).json();
        assertThat(view.path("status").asString()).isEqualTo("PENDING");
        JsonNode vote = view.path("votes").get(0);
        assertThat(vote.path("userId").asString()).isEqualTo(reviewer);
        assertThat(vote.path("counts").asBoolean()).isFalse();
        assertThat(vote.path("reason").asString()).contains("no longer counts");
        String refused = deploy(pipeline, digest, "16.3.0");
        assertThat(topics.await(DeploymentRejected.class, e -> e.deploymentId().equals(refused)).reason())
                .isEqualTo("PARTIALLY_APPROVED");

        saveUser(reviewer, List.of("security"), true); // back: the vote counts again

        Awaitility.await().atMost(WAIT).until(() ->
                topics.events(ImageApproved.class, e -> e.requestId().equals(requestId)).size() == 2);
        saveUser(reviewer, List.of("security"), false); // deactivated
        Awaitility.await().atMost(WAIT).until(() ->
                topics.events(ApprovalReopened.class, e -> e.requestId().equals(requestId)).size() == 2);
        assertThat(status(requestId)).isEqualTo("PENDING");
    }

    @Test
    void an_approver_withdraws_their_vote_and_the_unused_approval_waits_again() {
        String pipeline = pipeline("prod", 1, List.of(), false);
        String digest = image("16.9.1", "ci-bot");
        awaitImage(pipeline, digest);
        String requestId = request(pipeline, digest);
        JsonNode approved = http().post("bob", "/api/approval-requests/" + requestId + "/approve", null).json();
        assertThat(names(approved.path("allowedActions"))).contains("withdraw");
        assertThat(http().post("carol", "/api/approval-requests/" + requestId + "/withdraw", null).reason())
                .isEqualTo("NO_VOTE_TO_WITHDRAW");

        JsonNode withdrawn = http().post("bob", "/api/approval-requests/" + requestId + "/withdraw", null).json();

        assertThat(withdrawn.path("status").asString()).isEqualTo("PENDING");
        assertThat(withdrawn.path("votes").size()).isZero();
        topics.await(ApprovalWithdrawn.class, e -> e.requestId().equals(requestId) && e.withdrawnBy().equals("bob"));
        topics.await(ApprovalReopened.class, e -> e.requestId().equals(requestId));
    }

    private String request(String pipeline, String digest) {
        return http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline, "imageDigest", digest))
                .json().path("id").asString();
    }

    private String status(String requestId) {
        return http().get("alice", "/api/approval-requests/" + requestId).json().path("status").asString();
    }

    private String deploy(String pipeline, String digest, String tag) {
        String id = "dp-" + UUID.randomUUID();
        topics.publish(new DeploymentRequested(id, new PipelineImage(pipeline, "payments", "prod", digest, tag),
                "alice", null));
        return id;
    }

    /** A person whose only right to approve comes from their groups. */
    private void saveUser(String id, List<String> groups, boolean active) {
        assertThat(http().put("dave", "/api/access/users/" + id, Map.of("email", id + "@example.com",
                "displayName", id, "active", active, "groups", groups, "roles", List.of())).status())
                .isEqualTo(200);
    }

    private static List<String> names(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
