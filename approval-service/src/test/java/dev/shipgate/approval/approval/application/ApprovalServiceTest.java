package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.approval.application.InMemoryPorts.Directory;
import dev.shipgate.approval.approval.application.InMemoryPorts.InMemoryImages;
import dev.shipgate.approval.approval.application.InMemoryPorts.InMemoryPipelineReplica;
import dev.shipgate.approval.approval.application.InMemoryPorts.InMemoryRefusedAttempts;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.contracts.refusal.RefusedException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ApprovalService} through its ports, with in-memory adapters: what it looks up before the domain decides
 * (pipeline, image, eligible approvers), what it stores and publishes, which refusals it records, and that it judges
 * under the pipeline's policy and people's access as they are now (DESIGN rules 8-10).
 */
class ApprovalServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Scope PROD = new Scope("shop", "payments", "prod");
    private static final Channel SESSION = null;

    private final InMemoryApprovalRequests requests = new InMemoryApprovalRequests();
    private final InMemoryRefusedAttempts refusals = new InMemoryRefusedAttempts();
    private final InMemoryPipelineReplica pipelines = new InMemoryPipelineReplica();
    private final InMemoryImages images = new InMemoryImages();
    private final Directory people = new Directory()
            .person("alice", List.of(), new Grant(Role.BUILD_AND_DEPLOY, PROD))
            .person("bob", List.of(), new Grant(Role.IMAGE_APPROVER, PROD), new Grant(Role.BUILD_AND_DEPLOY, PROD))
            .person("carol", List.of(), new Grant(Role.IMAGE_APPROVER, PROD))
            .person("erin", List.of(), new Grant(Role.VIEW, PROD))
            .serviceAccount("ci-bot", new Grant(Role.IMAGE_APPROVER, PROD), new Grant(Role.BUILD_AND_DEPLOY, PROD));
    private final ApprovalService service = new ApprovalService(requests, refusals, pipelines, images, people,
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7));

    ApprovalServiceTest() {
        pipelines.save(pipeline(2));
        images.record(new Image("sha256:ab12", "registry/payments", List.of("1.4.2"), "c0ffee", "payments", "bob",
                NOW.minusSeconds(600)));
    }

    @Test
    void a_request_is_stored_and_announced_to_the_eligible_approvers_but_never_the_requester_or_builder() {
        ApprovalRequest request = service.request("alice", SESSION, "pl-1", "sha256:ab12", null, "please");

        assertThat(requests.find(request.id())).contains(request);
        // bob built the image, ci-bot is a service account, erin only views: carol alone may approve
        assertThat(request.notifiedApprovers()).containsExactly("carol");
        assertThat(requests.published).singleElement().isInstanceOf(ApprovalRequested.class);
    }

    @Test
    void a_request_names_a_pipeline_and_an_image_that_exist() {
        assertRefused(() -> service.request("alice", SESSION, "pl-404", "sha256:ab12", null, null),
                "UNKNOWN_PIPELINE", Refusal.Kind.NOT_FOUND);
        assertRefused(() -> service.request("alice", SESSION, "pl-1", "sha256:none", null, null),
                "UNKNOWN_IMAGE", Refusal.Kind.NOT_FOUND);
        assertThat(requests.published).isEmpty();
    }

    @Test
    void a_second_open_request_for_the_same_image_is_refused() {
        service.request("alice", SESSION, "pl-1", "sha256:ab12", null, null);

        assertRefused(() -> service.request("alice", SESSION, "pl-1", "sha256:ab12", null, null),
                "OPEN_REQUEST_EXISTS", Refusal.Kind.CONFLICT);
        assertThat(requests.published).hasSize(1);
    }

    @Test
    void a_refused_vote_is_recorded_beside_the_request_and_leaves_it_as_it_was() {
        ApprovalRequest request = service.request("alice", SESSION, "pl-1", "sha256:ab12", null, null);

        assertRefused(() -> service.approve("bob", SESSION, request.id(), null), "BUILDER_CANNOT_APPROVE",
                Refusal.Kind.FORBIDDEN);

        assertThat(refusals.recorded).singleElement().satisfies(attempt -> {
            assertThat(attempt.actor()).isEqualTo("bob");
            assertThat(attempt.action()).isEqualTo("APPROVE");
            assertThat(attempt.reason()).isEqualTo("BUILDER_CANNOT_APPROVE");
        });
        assertThat(requests.find(request.id())).contains(request);
    }

    @Test
    void a_vote_on_a_request_that_does_not_exist_is_refused_and_not_recorded() {
        assertRefused(() -> service.approve("carol", SESSION, "ar-404", null), "UNKNOWN_REQUEST",
                Refusal.Kind.NOT_FOUND);
        assertThat(refusals.recorded).isEmpty();
    }

    @Test
    void a_vote_is_judged_under_the_pipelines_policy_now_not_the_one_the_request_was_opened_under() {
        ApprovalRequest request = service.request("alice", SESSION, "pl-1", "sha256:ab12", null, null);
        pipelines.save(pipeline(1));

        ApprovalRequest approved = service.approve("carol", SESSION, request.id(), null);

        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(requests.published).hasAtLeastOneElementOfType(ImageApproved.class);
    }

    @Test
    void lowering_the_policy_approves_the_open_requests_it_now_meets() {
        people.person("dave", List.of(), new Grant(Role.IMAGE_APPROVER, PROD));
        ApprovalRequest request = service.request("alice", SESSION, "pl-1", "sha256:ab12", null, null);
        service.approve("carol", SESSION, request.id(), null);
        pipelines.save(pipeline(1));

        assertThat(service.reevaluatePipeline("pl-1")).isEqualTo(1);
        assertThat(requests.find(request.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void a_voter_who_loses_the_right_no_longer_counts() {
        pipelines.save(pipeline(1));
        ApprovalRequest request = service.request("alice", SESSION, "pl-1", "sha256:ab12", null, null);
        service.approve("carol", SESSION, request.id(), null);
        people.person("carol", List.of(), new Grant(Role.VIEW, PROD));

        assertThat(service.reevaluateVotesOf("carol")).isEqualTo(1);
        assertThat(requests.find(request.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void who_could_still_approve_leaves_out_those_who_voted() {
        people.person("dave", List.of(), new Grant(Role.IMAGE_APPROVER, PROD));
        ApprovalRequest request = service.request("alice", SESSION, "pl-1", "sha256:ab12", null, null);
        ApprovalRequest voted = service.approve("carol", SESSION, request.id(), null);

        assertThat(service.stillEligible(service.live(voted))).extracting(actor -> actor.userId())
                .containsExactly("dave");
    }

    private static ReplicatedPipeline pipeline(int requiredApprovals) {
        return new ReplicatedPipeline("pl-1", "shop", "payments", "prod", requiredApprovals, List.of(), 86_400, null,
                false, "MANUAL", false, false, null);
    }

    private static void assertRefused(Runnable command, String reason, Refusal.Kind kind) {
        assertThatThrownBy(command::run).isInstanceOfSatisfying(RefusedException.class, e -> {
            assertThat(e.refusal().reason()).isEqualTo(reason);
            assertThat(e.refusal().kind()).isEqualTo(kind);
        });
    }
}
