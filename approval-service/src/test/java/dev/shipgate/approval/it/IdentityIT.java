package dev.shipgate.approval.it;

import dev.shipgate.approval.shared.CollectionNames;
import dev.shipgate.approval.approval.application.ApprovalRequests;
import dev.shipgate.approval.approval.domain.ApprovalPolicy;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.AuditEntry;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.approval.identity.Spellings;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.testing.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 through HTTP and Kafka: one canonical user id (item 2), who may name a builder (item 3), and images that
 * never cross to another application's pipeline (item 5). Each reported input is one case among generated
 * spellings ({@link Spellings}).
 */
class IdentityIT extends ApprovalServiceTestBase {

    private static final int GENERATED = 4;

    @Autowired
    Images images;

    @Autowired
    ApprovalRequests requests;

    @Autowired
    MongoTemplate mongo;

    @Test
    void an_image_whose_builder_is_any_spelling_of_bob_cannot_be_approved_by_bob() {
        String pipeline = pipeline("staging", 1, List.of(), false);
        List<String> builders = new ArrayList<>(List.of("BOB", " bob ", "Bob@Example.com"));
        Spellings.of("bob", "bob@example.com").sampleStream().limit(GENERATED).forEach(builders::add);

        for (String builder : builders) {
            String digest = image("1.0." + Math.abs(builder.hashCode()), builder);
            awaitImage(pipeline, digest);
            String requestId = request("alice", pipeline, digest, null).json().path("id").asString();

            Http.Response vote = http().post("bob", "/api/approval-requests/" + requestId + "/approve", null);

            assertThat(vote.status()).as("builder %s", builder).isEqualTo(403);
            assertThat(vote.contentType()).startsWith("application/problem+json");
            assertThat(vote.reason()).isEqualTo("BUILDER_CANNOT_APPROVE");
            assertThat(images.find(digest).orElseThrow().builtBy()).as("builder %s", builder).isEqualTo("bob");
            assertThat(topics.await(ApprovalRequested.class, e -> e.requestId().equals(requestId)).approvers())
                    .as("bob, who built %s, is not asked to approve it", builder).doesNotContain("bob")
                    .contains("carol");
        }
    }

    @Test
    void naming_any_spelling_of_carol_as_approver_is_accepted_as_carol() {
        String pipeline = pipeline("staging", 1, List.of(), false);
        List<String> named = new ArrayList<>(List.of("CAROL", "Carol@Example.com"));
        Spellings.of("carol", "carol@example.com").sampleStream().limit(GENERATED).forEach(named::add);

        for (String carol : named) {
            String digest = image("2.0." + Math.abs(carol.hashCode()), "ci-bot");
            awaitImage(pipeline, digest);

            Http.Response created = request("alice", pipeline, digest, List.of(carol));

            assertThat(created.status()).as("approver named %s", carol).isEqualTo(201);
            assertThat(created.json().path("notifiedApprovers").toString()).isEqualTo("[\"carol\"]");
        }
    }

    @Test
    void a_caller_is_known_by_the_canonical_id_whatever_the_token_spells() {
        String pipeline = pipeline("staging", 1, List.of(), false);
        String digest = image("3.0.0", "ci-bot");
        awaitImage(pipeline, digest);

        assertThat(http().get(" BOB ", "/api/access/me").json().path("userId").asString()).isEqualTo("bob");
        Http.Response created = request("ALICE", pipeline, digest, null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("requestedBy").asString()).isEqualTo("alice");
        String requestId = created.json().path("id").asString();
        Http.Response own = http().post("alice", "/api/approval-requests/" + requestId + "/cancel", null);
        assertThat(own.status()).as("alice may cancel what ALICE asked for").isEqualTo(200);
    }

    @Test
    void a_deploy_request_names_its_requester_in_any_spelling() {
        String direct = pipeline("dev", 0, List.of(), true);
        String digest = image("3.1.0", "ci-bot");
        awaitImage(direct, digest);
        String deploymentId = "dp-" + UUID.randomUUID();

        topics.publish(new DeploymentRequested(deploymentId, new PipelineImage(direct, "payments", "dev", digest,
                "3.1.0"), " ALICE ", null));

        assertThat(topics.await(DeploymentAuthorized.class, e -> e.deploymentId().equals(deploymentId)))
                .as("alice may deploy on dev, under any spelling").isNotNull();
    }

    @Test
    void bob_cannot_register_his_own_build_as_built_by_ci_bot() {
        for (String other : Stream.concat(Stream.of("ci-bot", "carol"),
                Spellings.of("ci-bot", "ci@example.com").sampleStream().limit(GENERATED)).toList()) {
            String digest = digest();
            Http.Response posted = http().post("bob", "/api/images", builtImage(digest, other));

            assertThat(posted.status()).as("bob naming %s", other).isEqualTo(403);
            assertThat(posted.contentType()).startsWith("application/problem+json");
            assertThat(posted.reason()).isEqualTo("NOT_ALLOWED_TO_NAME_BUILDER");
            assertThat(images.find(digest)).isEmpty();
        }
        for (String himself : Stream.concat(Stream.of("Bob@Example.com", " BOB "),
                Spellings.of("bob", "bob@example.com").sampleStream().limit(GENERATED)).toList()) {
            Http.Response posted = http().post("bob", "/api/images", builtImage(digest(), himself));

            assertThat(posted.status()).as("bob naming himself as %s", himself).isEqualTo(201);
            assertThat(posted.json().path("builtBy").asString()).isEqualTo("bob");
        }
        Map<String, Object> unnamed = builtImage(digest(), null);
        assertThat(http().post("bob", "/api/images", unnamed).json().path("builtBy").asString()).isEqualTo("bob");
    }

    @Test
    void the_ci_service_account_names_the_builder_by_address_and_that_builder_cannot_approve() {
        String pipeline = pipeline("staging", 1, List.of(), false);
        String digest = digest();
        Http.Response posted = http().post("ci-bot", "/api/images", builtImage(digest, "Bob@Example.com"));
        assertThat(posted.status()).isEqualTo(201);
        awaitImage(pipeline, digest);
        String requestId = request("alice", pipeline, digest, null).json().path("id").asString();

        Http.Response vote = http().post("bob", "/api/approval-requests/" + requestId + "/approve", null);

        assertThat(vote.status()).isEqualTo(403);
        assertThat(vote.reason()).isEqualTo("BUILDER_CANNOT_APPROVE");
        assertThat(posted.json().path("builtBy").asString()).isEqualTo("bob");
    }

    @Test
    void only_a_super_admin_marks_a_service_account_and_the_id_in_the_path_is_made_canonical() {
        String spelled = "Robot-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> body = new HashMap<>(Map.of("email", "robot@example.com", "displayName", "Robot",
                "active", true, "groups", List.of(), "roles", List.of(), "serviceAccount", true));

        Http.Response byDave = http().put("dave", "/api/access/users/" + spelled, body);
        assertThat(byDave.status()).isEqualTo(200);
        assertThat(byDave.json().path("id").asString()).isEqualTo(spelled.toLowerCase());
        assertThat(byDave.json().path("serviceAccount").asBoolean()).isTrue();

        body.put("serviceAccount", false);
        Http.Response byMona = http().put("mona", "/api/access/users/" + spelled.toLowerCase(), body);
        assertThat(byMona.status()).isEqualTo(403);
        assertThat(byMona.reason()).isEqualTo("SUPER_ADMIN_ONLY");
        long stored = StreamSupport.stream(http().get("dave", "/api/access/users").json().spliterator(), false)
                .filter(user -> user.path("id").asString().equalsIgnoreCase(spelled)).count();
        assertThat(stored).as("one user, under one id").isEqualTo(1);
    }

    @Test
    void an_image_of_orders_cannot_be_requested_on_a_payments_pipeline() {
        String pipeline = pipeline("qa", 1, List.of(), false);
        String digest = ordersImage();

        Http.Response requested = request("alice", pipeline, digest, null);

        assertThat(requested.status()).isEqualTo(400);
        assertThat(requested.contentType()).startsWith("application/problem+json");
        assertThat(requested.reason()).isEqualTo("IMAGE_OF_ANOTHER_APPLICATION");
    }

    @Test
    void a_request_for_an_image_of_orders_stored_on_a_payments_pipeline_cannot_be_voted_on() {
        String pipeline = pipeline("qa", 1, List.of(), false);
        String stored = storedBeforeTheFix(pipeline, ordersImage());

        Http.Response vote = http().post("carol", "/api/approval-requests/" + stored + "/approve", null);
        Http.Response rejection = http().post("carol", "/api/approval-requests/" + stored + "/reject",
                Map.of("comment", "not ours"));

        assertThat(vote.status()).isEqualTo(400);
        assertThat(vote.reason()).isEqualTo("IMAGE_OF_ANOTHER_APPLICATION");
        assertThat(rejection.reason()).isEqualTo("IMAGE_OF_ANOTHER_APPLICATION");
        assertThat(topics.events(ImageApproved.class, e -> e.requestId().equals(stored)))
                .as("no approval for an AUTOMATIC pipeline to deploy").isEmpty();
    }

    @Test
    void an_image_of_orders_is_not_deployed_on_a_payments_pipeline_with_or_without_approval() {
        String digest = ordersImage();
        for (String target : List.of(pipeline("qa", 1, List.of(), false), pipeline("dev", 0, List.of(), true))) {
            String deploymentId = "dp-" + UUID.randomUUID();
            topics.publish(new DeploymentRequested(deploymentId,
                    new PipelineImage(target, "payments", "qa", digest, "7.0.0"), "alice", null));

            DeploymentRejected rejected = topics.await(DeploymentRejected.class,
                    e -> e.deploymentId().equals(deploymentId));
            assertThat(rejected.reason()).as("deploy on %s", target).isEqualTo("IMAGE_OF_ANOTHER_APPLICATION");
        }
    }

    private String ordersImage() {
        String digest = digest();
        topics.publish(new ImageBuilt(digest, "registry.local/orders", "7.0.0", "abc123", "orders", "ci-bot",
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> images.find(digest).isPresent());
        return digest;
    }

    /** A pending request for the orders image on the payments pipeline, as it could be stored before the fix. */
    private String storedBeforeTheFix(String pipelineId, String digest) {
        String id = "ar-" + UUID.randomUUID();
        RequestedImage crossing = new RequestedImage(pipelineId, "shop", "payments", "qa", digest, "7.0.0", "ci-bot");
        Instant now = Instant.now();
        ApprovalPolicy policy = new ApprovalPolicy(1, List.of(), Duration.ofHours(1), Duration.ofHours(1), false,
                false);
        requests.open(new ApprovalRequest(id, crossing, "alice", List.of("carol"), null, policy,
                ApprovalStatus.PENDING, List.of(), now, now.plus(Duration.ofHours(1)), null,
                List.of(new AuditEntry(now, "alice", "REQUESTED", null)), 0), List.of());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().unset("image.imageApplication"),
                CollectionNames.APPROVAL_REQUESTS);
        return id;
    }

    private Http.Response request(String user, String pipeline, String digest, List<String> approvers) {
        Map<String, Object> body = new HashMap<>(Map.of("pipelineId", pipeline, "imageDigest", digest));
        if (approvers != null) {
            body.put("approvers", approvers);
        }
        return http().post(user, "/api/approval-requests", body);
    }

    private static Map<String, Object> builtImage(String digest, String builtBy) {
        Map<String, Object> body = new HashMap<>(Map.of("digest", digest, "repository", "registry.local/payments",
                "tag", "5.0.0", "application", "payments"));
        if (builtBy != null) {
            body.put("builtBy", builtBy);
        }
        return body;
    }

    private static String digest() {
        return "sha256:" + UUID.randomUUID().toString().replace("-", "");
    }
}
