package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalPolicy;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.Outcome;
import dev.shipgate.approval.approval.domain.People;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.refusal.RefusedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RequestUpdater} on an in-memory store: a refusal writes nothing, a command that changes nothing writes
 * nothing, and a write that finds the request changed since it was read is decided again on what is stored now, so
 * no racing vote is lost.
 */
class RequestUpdaterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Scope PROD = new Scope("shop", "payments", "prod");
    private static final Actor ALICE = person("alice", Role.BUILD_AND_DEPLOY);
    private static final Actor BOB = person("bob", Role.IMAGE_APPROVER);
    private static final Actor CAROL = person("carol", Role.IMAGE_APPROVER);
    private static final People PEOPLE = id -> List.of(ALICE, BOB, CAROL).stream()
            .filter(actor -> actor.userId().equals(id)).findFirst()
            .orElse(new Actor(id, List.of(), Permissions.none(id)));

    private final InMemoryApprovalRequests requests = new InMemoryApprovalRequests();
    private final RequestUpdater updater = new RequestUpdater(requests);
    private final ApprovalRequest pending = open(2);

    @Test
    void a_command_is_decided_on_the_stored_request_and_written_with_its_events() {
        ApprovalRequest after = updater.apply(pending.id(), request -> request.approve(PEOPLE, BOB, null, NOW));

        assertThat(after.hasVoted("bob")).isTrue();
        assertThat(requests.find(pending.id()).orElseThrow().hasVoted("bob")).isTrue();
        assertThat(requests.published).isNotEmpty();
    }

    @Test
    void a_refusal_is_thrown_and_writes_nothing() {
        assertThatThrownBy(() -> updater.apply(pending.id(), request -> request.approve(PEOPLE, ALICE, null, NOW)))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.refusal().reason())
                        .isEqualTo("REQUESTER_CANNOT_APPROVE"));
        assertThat(requests.updates).isZero();
        assertThat(requests.published).isEmpty();
    }

    @Test
    void an_unknown_request_is_refused_as_not_found() {
        assertThatThrownBy(() -> updater.apply("ar-404", request -> request.approve(PEOPLE, BOB, null, NOW)))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.refusal().reason())
                        .isEqualTo("UNKNOWN_REQUEST"));
    }

    @Test
    void a_command_that_changes_nothing_writes_nothing() {
        ApprovalRequest after = updater.apply(pending.id(), request -> request.reevaluate(PEOPLE, NOW));

        assertThat(after).isEqualTo(pending);
        assertThat(requests.updates).isZero();
    }

    @Test
    void a_write_that_lost_a_race_is_decided_again_on_the_request_as_it_now_is() {
        // carol's vote lands between bob's read and bob's write
        requests.beforeNextUpdate(stored -> accepted(stored.approve(PEOPLE, CAROL, null, NOW)));
        AtomicInteger decisions = new AtomicInteger();

        ApprovalRequest after = updater.apply(pending.id(), request -> {
            decisions.incrementAndGet();
            return request.approve(PEOPLE, BOB, null, NOW);
        });

        assertThat(decisions).hasValue(2);
        assertThat(requests.conflicts).isEqualTo(1);
        assertThat(after.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(requests.find(pending.id()).orElseThrow().votes()).extracting(vote -> vote.userId())
                .containsExactlyInAnyOrder("bob", "carol");
    }

    @Test
    void a_decision_on_a_stale_copy_is_taken_again_on_the_stored_request() {
        ApprovalRequest stale = pending;
        updater.apply(pending.id(), request -> request.approve(PEOPLE, CAROL, null, NOW));

        ApprovalRequest after = updater.apply(stale, request -> request.approve(PEOPLE, BOB, null, NOW));

        assertThat(after.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(after.votes()).extracting(vote -> vote.userId()).containsExactlyInAnyOrder("bob", "carol");
    }

    private ApprovalRequest open(int required) {
        ApprovalPolicy policy = new ApprovalPolicy(required, List.of(), Duration.ofHours(24), Duration.ofDays(7),
                false, false);
        ApprovalRequest request = accepted(ApprovalRequest.open("ar-1", new RequestedImage("pl-1", "shop",
                "payments", "prod", "sha256:ab12", "1.4.2", "ci-bot"), ALICE, List.of(), Set.of("bob", "carol"),
                null, policy, NOW));
        requests.given(request);
        return request;
    }

    private static ApprovalRequest accepted(Outcome outcome) {
        return ((Outcome.Accepted) outcome).request();
    }

    private static Actor person(String id, Role role) {
        return new Actor(id, List.of(), new Permissions(id, List.of(new Grant(role, PROD))));
    }
}
