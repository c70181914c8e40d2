package dev.shipgate.approval.it;

import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.support.security.LinkReceipts;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request's history says through what each change came (session, API token, e-mail link, a deploy request's
 * channel) and lists refused attempts with who, what and why (DESIGN rule 9; issue 15, input 4).
 */
class RequestHistoryIT extends ApprovalServiceTestBase {

    private String pendingRequest(int required) {
        String pipeline = pipeline("prod", required, List.of(), false);
        String digest = image("h-" + UUID.randomUUID().toString().substring(0, 8), "ci-bot");
        awaitImage(pipeline, digest);
        return http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline, "imageDigest", digest))
                .json().path("id").asString();
    }

    private List<JsonNode> history(String requestId) {
        JsonNode lines = http().get("alice", "/api/approval-requests/" + requestId + "/history").json();
        return StreamSupport.stream(lines.spliterator(), false).toList();
    }

    @Test
    void an_approval_made_with_an_api_token_shows_which_token_and_a_refusal_shows_who_tried_what_and_why() {
        String request = pendingRequest(2);
        Http.Response made = http().post("bob", "/api/access/tokens", Map.of("name", "bob-script"));
        String tokenId = made.json().path("token").path("id").asString();
        String bearer = "Bearer " + made.json().path("accessToken").asString();

        assertThat(http().postWithAuthorization(bearer, "/api/approval-requests/" + request + "/approve",
                Map.of("comment", "scripted")).status()).isEqualTo(200);
        Http.Response refused = http().post("alice", "/api/approval-requests/" + request + "/approve", null);
        assertThat(refused.reason()).isEqualTo("REQUESTER_CANNOT_APPROVE");

        List<JsonNode> lines = history(request);
        assertThat(lines).extracting(l -> l.path("summary").asString()).containsExactly(
                "alice requested via session",
                "bob approved via API token " + tokenId + " (bob-script)",
                "alice tried to approve via session: refused, REQUESTER_CANNOT_APPROVE");
        JsonNode approved = lines.get(1);
        assertThat(approved.path("via").path("kind").asString()).isEqualTo("API_TOKEN");
        assertThat(approved.path("via").path("id").asString()).isEqualTo(tokenId);
        JsonNode refusal = lines.get(2);
        assertThat(refusal.path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(refusal.path("actor").asString()).isEqualTo("alice");
        assertThat(refusal.path("action").asString()).isEqualTo("APPROVE");
        assertThat(refusal.path("at").asString()).isNotBlank();
        // the refusal changed nothing: still one approval of two, and carol's vote still goes in
        assertThat(http().get("alice", "/api/approval-requests/" + request).json().path("approvals").asInt())
                .isEqualTo(1);
        assertThat(http().post("carol", "/api/approval-requests/" + request + "/approve", null).json()
                .path("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void a_vote_with_the_receipt_of_a_spent_email_link_is_recorded_through_that_link() {
        String request = pendingRequest(1);
        LinkReceipts receipts = new LinkReceipts(TestTokens.SECRET); // as notification-service signs them
        String forBob = receipts.sign(new LinkReceipts.Receipt(request, "bob", "link-42")).orElseThrow();
        String forCarol = receipts.sign(new LinkReceipts.Receipt(request, "carol", "link-43")).orElseThrow();
        String forged = new LinkReceipts("another-secret-0123456789abcdefghijklmnopq")
                .sign(new LinkReceipts.Receipt(request, "bob", "link-44")).orElseThrow();

        assertThat(http().post("bob", "/api/approval-requests/" + request + "/approve", Map.of("link", forCarol))
                .reason()).isEqualTo("LINK_RECEIPT_INVALID");
        assertThat(http().post("bob", "/api/approval-requests/" + request + "/approve", Map.of("link", forged))
                .reason()).isEqualTo("LINK_RECEIPT_INVALID");
        assertThat(http().post("bob", "/api/approval-requests/" + request + "/approve", Map.of("link", forBob))
                .status()).isEqualTo(200);

        JsonNode approved = history(request).get(1);
        assertThat(approved.path("summary").asString()).isEqualTo("bob approved via e-mail link link-42");
        assertThat(approved.path("via").path("kind").asString()).isEqualTo("EMAIL_LINK");
    }

    @Test
    void a_deploy_records_the_channel_of_its_request_and_a_refused_deploy_is_listed() {
        String pipeline = pipeline("prod", 1, List.of(), false);
        String digest = image("d-" + UUID.randomUUID().toString().substring(0, 8), "ci-bot");
        awaitImage(pipeline, digest);
        String request = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", digest)).json().path("id").asString();
        http().post("bob", "/api/approval-requests/" + request + "/approve", null);
        PipelineImage image = new PipelineImage(pipeline, "payments", "prod", digest, "d");

        String byBob = "dp-" + UUID.randomUUID();
        topics.publish(new DeploymentRequested(byBob, image, "bob", null, Channel.session("s-bob")));
        assertThat(topics.await(DeploymentRejected.class, e -> e.deploymentId().equals(byBob)).reason())
                .isEqualTo("APPROVER_CANNOT_DEPLOY");
        String byAlice = "dp-" + UUID.randomUUID();
        topics.publish(new DeploymentRequested(byAlice, image, "alice", null, Channel.apiToken("tok-ci", "ci")));
        topics.await(DeploymentAuthorized.class, e -> e.deploymentId().equals(byAlice));

        assertThat(history(request)).extracting(l -> l.path("summary").asString()).containsExactly(
                "alice requested via session",
                "bob approved via session",
                "bob tried to deploy via session s-bob: refused, APPROVER_CANNOT_DEPLOY",
                "alice deployed via API token tok-ci (ci)");
    }
}
