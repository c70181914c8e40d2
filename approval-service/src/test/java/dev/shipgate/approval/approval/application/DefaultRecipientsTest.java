package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.application.InMemoryAccessStore;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.approval.approval.application.InMemoryPorts.InMemoryImages;
import dev.shipgate.approval.approval.application.InMemoryPorts.InMemoryPipelineReplica;
import dev.shipgate.approval.approval.application.InMemoryPorts.InMemoryRefusedAttempts;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19, whom a request naming nobody asks, through the service: the installation of the report (eight super
 * admins, one staging approver) asks the one approver; super admins are asked only when no image approver of the scope
 * can approve, whether there is none, the only one is the requester, or their time-boxed grant has ended.
 */
class DefaultRecipientsTest {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    static final Scope STAGING = new Scope("shop", "payments", "staging");

    final SteppingClock clock = new SteppingClock(NOW);
    final InMemoryAccessStore store = new InMemoryAccessStore();
    final AccessService people = new AccessService(store, clock);
    final InMemoryPipelineReplica pipelines = new InMemoryPipelineReplica();
    final ApprovalService service;

    DefaultRecipientsTest() {
        InMemoryImages images = new InMemoryImages();
        service = new ApprovalService(new InMemoryApprovalRequests(), new InMemoryRefusedAttempts(), pipelines, images,
                people, clock, Duration.ofDays(7));
        user("alice", new Grant(Role.BUILD_AND_DEPLOY, STAGING), new Grant(Role.IMAGE_APPROVER, STAGING));
        IntStream.rangeClosed(1, 8).forEach(i -> user("admin" + i, new Grant(Role.SUPER_ADMIN, Scope.everywhere())));
        user("paula", new Grant(Role.IMAGE_APPROVER, new Scope("shop", "payments", "prod")));
        pipelines.save(new ReplicatedPipeline("pl-st", "shop", "payments", "staging", 1, List.of(), 86_400, null, false,
                "MANUAL", false, false, null));
        images.record(new Image("sha256:ab12", "registry/payments", List.of("1.4.2"), "c0ffee", "payments", "ci",
                NOW.minusSeconds(60)));
    }

    @Test
    void eight_super_admins_and_one_staging_approver_ask_the_approver_alone() {
        user("sam", new Grant(Role.IMAGE_APPROVER, new Scope("shop", "*", "staging")));

        ApprovalRequest request = service.request("alice", null, "pl-st", "sha256:ab12", null, null);

        assertThat(request.notifiedApprovers()).containsExactly("sam");
        assertThat(service.eligibleApprovers(request.image(), "alice")).as("the super admins may still approve")
                .contains("admin1", "admin8", "sam").doesNotContain("paula", "alice");
    }

    @Test
    void super_admins_are_asked_when_the_only_approver_of_the_scope_is_the_requester() {
        ApprovalRequest request = service.request("alice", null, "pl-st", "sha256:ab12", null, null);

        assertThat(request.notifiedApprovers()).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 8).mapToObj(i -> "admin" + i).toList());
    }

    @Test
    void an_approver_whose_time_boxed_grant_ended_is_not_asked_and_the_super_admins_are() {
        user("olga", new Grant(Role.IMAGE_APPROVER, STAGING, NOW));

        ApprovalRequest request = service.request("alice", null, "pl-st", "sha256:ab12", null, null);

        assertThat(request.notifiedApprovers()).doesNotContain("olga").contains("admin1").hasSize(8);
    }

    @Test
    void a_named_super_admin_is_asked_as_named() {
        user("sam", new Grant(Role.IMAGE_APPROVER, STAGING));

        ApprovalRequest request = service.request("alice", null, "pl-st", "sha256:ab12", List.of("admin3"), null);

        assertThat(request.notifiedApprovers()).containsExactly("admin3");
    }

    private void user(String id, Grant... grants) {
        people.saveUser(new User(id, id + "@example.com", id, true, List.of(), List.of(grants)));
    }
}
