package dev.shipgate.approval.it;

import tools.jackson.databind.JsonNode;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** API tokens for automation: made once, act as their owner, refused as soon as they are revoked. */
class ApiTokenIT extends ApprovalServiceTestBase {

    @Test
    void a_token_acts_as_its_owner_until_it_is_revoked() {
        Http.Response made = http().post("alice", "/api/access/tokens", Map.of("name", "nightly <job>",
                "lifetimeDays", 7));
        assertThat(made.status()).isEqualTo(201);
        String bearer = "Bearer " + made.json().path("accessToken").asText();
        String id = made.json().path("token").path("id").asText();
        assertThat(made.json().path("token").path("state").asText()).isEqualTo("ACTIVE");

        Http.Response me = http().getWithAuthorization(bearer, "/api/access/me");
        assertThat(me.json().path("userId").asText()).isEqualTo("alice");
        JsonNode listed = http().get("alice", "/api/access/tokens").json();
        assertThat(listed.findValuesAsString("id")).contains(id);
        assertThat(listed.toString()).doesNotContain(made.json().path("accessToken").asText());

        Http.Response revoked = http().delete("alice", "/api/access/tokens/" + id);
        assertThat(revoked.json().path("state").asText()).isEqualTo("REVOKED");
        Http.Response refused = http().getWithAuthorization(bearer, "/api/access/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("revoked");
        assertThat(http().delete("alice", "/api/access/tokens/" + id).reason()).isEqualTo("ALREADY_REVOKED");
    }

    @Test
    void the_revocation_is_published_on_its_topic_for_every_other_service() {
        String id = http().post("bob", "/api/access/tokens", Map.of("name", "deploy script")).json()
                .path("token").path("id").asText();
        http().delete("bob", "/api/access/tokens/" + id);
        var event = topics.await(dev.shipgate.contracts.events.ApiTokenRevoked.class,
                e -> e.tokenId().equals(id));
        assertThat(event.userId()).isEqualTo("bob");
        assertThat(event.revokedBy()).isEqualTo("bob");
    }

    @Test
    void only_a_super_admin_makes_sees_or_revokes_the_tokens_of_someone_else() {
        Http.Response forBot = http().post("dave", "/api/access/tokens", Map.of("name", "ci", "userId", "ci-bot"));
        assertThat(forBot.status()).isEqualTo(201);
        assertThat(forBot.json().path("token").path("createdBy").asText()).isEqualTo("dave");
        String id = forBot.json().path("token").path("id").asText();
        String botBearer = "Bearer " + forBot.json().path("accessToken").asText();
        assertThat(http().getWithAuthorization(botBearer, "/api/access/me").json().path("userId").asText())
                .isEqualTo("ci-bot");

        assertThat(http().post("mona", "/api/access/tokens", Map.of("name", "x", "userId", "ci-bot")).reason())
                .isEqualTo("SUPER_ADMIN_ONLY");
        assertThat(http().get("alice", "/api/access/tokens?userId=ci-bot").reason()).isEqualTo("SUPER_ADMIN_ONLY");
        assertThat(http().delete("alice", "/api/access/tokens/" + id).reason()).isEqualTo("SUPER_ADMIN_ONLY");
        assertThat(http().post("dave", "/api/access/tokens", Map.of("name", "x", "userId", "nobody")).status())
                .isEqualTo(404);
        assertThat(http().get("dave", "/api/access/tokens?userId=ci-bot").json().findValuesAsString("id"))
                .contains(id);
        assertThat(http().delete("dave", "/api/access/tokens/" + id).status()).isEqualTo(200);
    }

    /** Issue 15, input 4: dave requests approval, makes a token for bob, and would approve his own request as bob. */
    @Test
    void a_super_admin_cannot_make_a_token_for_another_person_to_act_as_them() {
        String pipeline = pipeline("prod", 1, List.of(), false);
        String digest = image("tok-" + UUID.randomUUID().toString().substring(0, 8), "ci-bot");
        awaitImage(pipeline, digest);
        String request = http().post("dave", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", digest)).json().path("id").asString();

        Http.Response forBob = http().post("dave", "/api/access/tokens", Map.of("name", "as bob", "userId", "bob"));

        assertThat(forBob.status()).isEqualTo(403);
        assertThat(forBob.contentType()).startsWith("application/problem+json");
        assertThat(forBob.reason()).isEqualTo("NOT_A_SERVICE_ACCOUNT");
        assertThat(forBob.body()).doesNotContain("accessToken");
        assertThat(http().get("dave", "/api/access/tokens?userId=bob").json().findValuesAsString("createdBy"))
                .doesNotContain("dave");
        JsonNode untouched = http().get("dave", "/api/approval-requests/" + request).json();
        assertThat(untouched.path("status").asString()).isEqualTo("PENDING");
        assertThat(untouched.path("approvals").asInt()).isZero();
    }

    /**
     * Found by trying to break issue 15's fix: dave builds and requests, makes a service account an image approver,
     * mints its token and approves through it. A service account never approves, and is never offered as an approver.
     */
    @Test
    void a_service_account_never_approves_so_its_token_cannot_stand_in_for_a_second_person() {
        String robot = "robot-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(http().put("dave", "/api/access/users/" + robot, Map.of("email", robot + "@example.com",
                "displayName", robot, "active", true, "serviceAccount", true, "groups", List.of("release-managers"),
                "roles", List.of(Map.of("role", "IMAGE_APPROVER", "project", "shop", "application", "payments",
                        "environment", "*")))).status()).isEqualTo(200);
        String pipeline = pipeline("prod", 1, List.of(), false);
        String digest = image("sa-" + UUID.randomUUID().toString().substring(0, 8), "dave");
        awaitImage(pipeline, digest);
        String request = http().post("dave", "/api/approval-requests", Map.of("pipelineId", pipeline,
                "imageDigest", digest)).json().path("id").asString();
        String robotBearer = "Bearer " + http().post("dave", "/api/access/tokens", Map.of("name", "stand-in",
                "userId", robot)).json().path("accessToken").asString();

        Http.Response vote = http().postWithAuthorization(robotBearer, "/api/approval-requests/" + request
                + "/approve", null);

        assertThat(vote.status()).isEqualTo(403);
        assertThat(vote.reason()).isEqualTo("SERVICE_ACCOUNT_CANNOT_APPROVE");
        assertThat(http().get("dave", "/api/approval-requests/" + request).json().path("status").asString())
                .isEqualTo("PENDING");
        assertThat(http().get("dave", "/api/pipelines/" + pipeline + "/approvers").body()).doesNotContain(robot);
    }

    @Test
    void a_super_admin_marks_a_service_account_and_only_then_makes_its_tokens() {
        String bot = "deploy-bot-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> person = Map.of("email", bot + "@example.com", "displayName", bot, "active", true,
                "groups", List.of(), "roles", List.of());
        assertThat(http().put("dave", "/api/access/users/" + bot, person).json().path("serviceAccount").asBoolean())
                .isFalse();
        assertThat(http().post("dave", "/api/access/tokens", Map.of("name", "x", "userId", bot)).reason())
                .isEqualTo("NOT_A_SERVICE_ACCOUNT");

        Map<String, Object> account = new java.util.HashMap<>(person);
        account.put("serviceAccount", true);
        assertThat(http().put("mona", "/api/access/users/" + bot, account).reason()).isEqualTo("SUPER_ADMIN_ONLY");
        assertThat(http().put("dave", "/api/access/users/" + bot, account).status()).isEqualTo(200);
        // a later edit that does not mention the mark keeps it
        assertThat(http().put("dave", "/api/access/users/" + bot, person).json().path("serviceAccount").asBoolean())
                .isTrue();
        assertThat(http().post("dave", "/api/access/tokens", Map.of("name", "x", "userId", bot)).status())
                .isEqualTo(201);
        assertThat(http().post("mona", "/api/access/tokens", Map.of("name", "x", "userId", bot)).reason())
                .isEqualTo("SUPER_ADMIN_ONLY");
    }

    @Test
    void an_api_token_cannot_make_tokens_and_bad_requests_get_reasons() {
        String bearer = "Bearer " + http().post("alice", "/api/access/tokens", Map.of("name", "ci")).json()
                .path("accessToken").asText();
        assertThat(http().postWithAuthorization(bearer, "/api/access/tokens", Map.of("name", "child")).reason())
                .isEqualTo("SIGN_IN_REQUIRED");
        assertThat(http().post("alice", "/api/access/tokens", Map.of("name", "long", "lifetimeDays", 5000))
                .status()).isEqualTo(400);
        assertThat(http().post("alice", "/api/access/tokens", Map.of("name", "")).status()).isEqualTo(400);
        assertThat(http().delete("alice", "/api/access/tokens/tok-none").reason()).isEqualTo("TOKEN_NOT_FOUND");
        assertThat(http().postWithAuthorization("Bearer " + TestTokens.forUser("stranger"), "/api/access/tokens",
                Map.of("name", "x")).reason()).isEqualTo("UNKNOWN_USER");
    }
}
