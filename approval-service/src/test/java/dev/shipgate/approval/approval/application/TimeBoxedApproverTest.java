package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.application.InMemoryAccessStore;
import dev.shipgate.approval.access.domain.User;
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
import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18: an on-call approver's time-boxed grant. Their vote counts strictly before its end; from the end on the
 * approval is judged without it (decided at use, nobody acting), and a new vote of theirs is refused.
 */
class TimeBoxedApproverTest {

    static final Instant END = Instant.parse("2026-12-04T17:00:00Z");
    static final Scope PROD = new Scope("shop", "payments", "prod");

    final SteppingClock clock = new SteppingClock(END.minusSeconds(3600));
    final InMemoryAccessStore store = new InMemoryAccessStore();
    final AccessService people = new AccessService(store, clock);
    final InMemoryPipelineReplica pipelines = new InMemoryPipelineReplica();
    final InMemoryImages images = new InMemoryImages();
    final ApprovalService service = new ApprovalService(new InMemoryApprovalRequests(), new InMemoryRefusedAttempts(),
            pipelines, images, people, clock, Duration.ofDays(7));

    TimeBoxedApproverTest() {
        people.saveUser(new User("alice", "alice@example.com", "Alice", true, List.of(),
                List.of(new Grant(Role.BUILD_AND_DEPLOY, PROD))));
        people.saveUser(new User("olga", "olga@example.com", "Olga", true, List.of(),
                List.of(new Grant(Role.IMAGE_APPROVER, PROD, END))));
        pipelines.save(new ReplicatedPipeline("pl-1", "shop", "payments", "prod", 1, List.of(), 86_400, null, false,
                "MANUAL", false, false, null));
        images.record(new Image("sha256:ab12", "registry/payments", List.of("1.4.2"), "c0ffee", "payments", "ci",
                END.minusSeconds(7200)));
        images.record(new Image("sha256:cd34", "registry/payments", List.of("1.4.3"), "c0ffee", "payments", "ci",
                END.minusSeconds(7200)));
    }

    @Test
    void the_vote_counts_until_the_grant_ends_and_not_from_its_end_on() {
        ApprovalRequest request = service.request("alice", null, "pl-1", "sha256:ab12", null, null);
        assertThat(request.notifiedApprovers()).containsExactly("olga");
        ApprovalRequest approved = service.approve("olga", null, request.id(), null);
        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);

        clock.step(Duration.between(clock.instant(), END).minusMillis(1));
        assertThat(service.live(approved).status()).isEqualTo(ApprovalStatus.APPROVED);

        clock.step(Duration.ofMillis(1)); // the end itself: no longer
        assertThat(service.live(approved).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(service.eligibleApprovers(approved.image(), "alice")).isEmpty();
    }

    @Test
    void a_vote_from_the_end_on_is_refused() {
        ApprovalRequest request = service.request("alice", null, "pl-1", "sha256:cd34", null, null);
        clock.step(Duration.between(clock.instant(), END));

        assertThatThrownBy(() -> service.approve("olga", null, request.id(), null))
                .isInstanceOf(RefusedException.class);
    }
}
