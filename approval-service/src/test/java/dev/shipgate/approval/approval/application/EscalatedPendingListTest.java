package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.application.InMemoryAccessStore;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.approval.approval.application.ApprovalRequests.RequestFilter;
import dev.shipgate.approval.approval.application.InMemoryPorts.InMemoryImages;
import dev.shipgate.approval.approval.application.InMemoryPorts.InMemoryPipelineReplica;
import dev.shipgate.approval.approval.application.InMemoryPorts.InMemoryRefusedAttempts;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.Escalations;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 19: after its time to escalation a pending request is in the fallback group's Approval pending list and may
 * be opened by its members, who vote with their own rights only (rita has none: refused; the requester alice is in the
 * group and is never shown it). Before that moment, on a pipeline whose plan has no group, and once decided, it is not.
 */
class EscalatedPendingListTest {

    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    static final Scope PROD = new Scope("shop", "payments", "prod");
    static final Duration AFTER = Duration.ofHours(6);

    final SteppingClock clock = new SteppingClock(T0);
    final InMemoryAccessStore store = new InMemoryAccessStore();
    final AccessService people = new AccessService(store, clock);
    final InMemoryPipelineReplica pipelines = new InMemoryPipelineReplica();
    final InMemoryImages images = new InMemoryImages();
    final InMemoryApprovalRequests requests = new InMemoryApprovalRequests();
    final ApprovalService service = new ApprovalService(requests, new InMemoryRefusedAttempts(), pipelines, images,
            people, clock, Duration.ofDays(7));
    /** The installation's default: release, after 6 h; pipelines' own plans from the replica. */
    final RequestQueries queries = new RequestQueries(requests, images,
            EscalationPlans.of(new Escalations.Plan(AFTER, "release"), pipelines), clock);

    EscalatedPendingListTest() {
        people.saveUser(user("alice", List.of("release"), new Grant(Role.BUILD_AND_DEPLOY, PROD)));
        people.saveUser(user("olga", List.of(), new Grant(Role.IMAGE_APPROVER, PROD)));
        people.saveUser(user("rita", List.of("release")));
        people.saveUser(user("oscar", List.of("ops")));
        pipeline("pl-1", null);
        pipeline("pl-quiet", new PipelineReminders(null, null, 1, null, "")); // its own plan: no escalation

        images.record(new Image("sha256:ab12", "registry/payments", List.of("1.4.2"), "c0ffee", "payments", "ci",
                T0.minusSeconds(60)));
    }

    private void pipeline(String id, PipelineReminders plan) {
        pipelines.save(new ReplicatedPipeline(id, "shop", "payments", "prod", 1, List.of(), 86_400, null, false,
                "MANUAL", false, false, plan));
    }

    private static User user(String id, List<String> groups, Grant... grants) {
        return new User(id, id + "@example.com", id, true, groups, List.of(grants), false);
    }

    @Test
    void the_fallback_group_sees_the_request_from_its_escalation_on_and_votes_with_its_own_rights() {
        ApprovalRequest request = service.request("alice", null, "pl-1", "sha256:ab12", null, null);
        ApprovalRequest quiet = service.request("alice", null, "pl-quiet", "sha256:ab12", null, null);

        clock.step(AFTER.minusSeconds(1));
        assertThat(pending("rita")).isEmpty();
        assertThat(queries.escalatedTo(people.actor("rita"), request)).isEmpty();
        assertThatThrownBy(() -> queries.visible(people.actor("rita"), request.id()))
                .isInstanceOf(RefusedException.class);

        clock.step(Duration.ofSeconds(1));
        assertThat(pending("rita")).containsExactly(request.id());
        assertThat(queries.visible(people.actor("rita"), request.id()).id()).isEqualTo(request.id());
        assertThat(queries.escalatedTo(people.actor("rita"), request)).as("the badge's group").contains("release");
        assertThat(queries.escalatedTo(people.actor("olga"), request)).as("it awaits olga's vote").isEmpty();
        assertThat(queries.escalatedTo(people.actor("rita"), quiet)).isEmpty();
        assertThatThrownBy(() -> queries.visible(people.actor("rita"), quiet.id()))
                .isInstanceOf(RefusedException.class);
        assertThat(pending("alice")).isEmpty();
        assertThat(pending("olga")).containsExactlyInAnyOrder(request.id(), quiet.id());
        assertThatThrownBy(() -> service.approve("rita", null, request.id(), null))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.refusal().reason())
                        .isEqualTo("NOT_AN_ELIGIBLE_APPROVER"));

        service.approve("olga", null, request.id(), null);
        assertThat(pending("rita")).isEmpty();
        assertThat(queries.escalatedTo(people.actor("rita"), requests.find(request.id()).orElseThrow())).isEmpty();
    }

    @Test
    void a_pipeline_s_own_plan_sets_the_time_and_the_group_and_a_changed_plan_counts_at_once() {
        pipeline("pl-fast", new PipelineReminders(null, null, null, Duration.ofHours(1), "ops"));
        ApprovalRequest request = service.request("alice", null, "pl-fast", "sha256:ab12", null, null);

        clock.step(Duration.ofHours(1).minusSeconds(1));
        assertThat(pending("oscar")).isEmpty();
        clock.step(Duration.ofSeconds(1));
        assertThat(pending("oscar")).as("the pipeline's own time and group").containsExactly(request.id());
        assertThat(pending("rita")).as("not the default group").isEmpty();

        pipeline("pl-fast", new PipelineReminders(null, null, null, null, null)); // the plan's fields left out
        assertThat(pending("oscar")).isEmpty();
        assertThat(pending("rita")).as("the default's 6 h are not over").isEmpty();
        clock.step(AFTER.minus(Duration.ofHours(1)));
        assertThat(pending("rita")).as("the default's time and group").containsExactly(request.id());
    }

    private List<String> pending(String userId) {
        return queries.awaitingVote(people.actor(userId), RequestFilter.none(), PageAt.first(50), clock.instant())
                .items().stream().map(ApprovalRequest::id).toList();
    }
}
