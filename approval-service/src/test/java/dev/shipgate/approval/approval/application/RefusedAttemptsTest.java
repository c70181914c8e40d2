package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalPolicy;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.Outcome;
import dev.shipgate.approval.approval.domain.RefusedAttempt;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.refusal.RefusedException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Refused commands are recorded beside the request, with who, what, through what and why, and leave the request and
 * its version alone: refusals racing votes neither fail nor reorder them. No Spring: in-memory stores.
 */
class RefusedAttemptsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Scope SCOPE = new Scope("shop", "payments", "prod");
    private static final RequestedImage IMAGE = new RequestedImage("pl-1", "shop", "payments", "prod",
            "sha256:ab12", "1.4.2", "ci-bot");

    private final InMemoryRequests requests = new InMemoryRequests();
    private final List<RefusedAttempt> refusals = new CopyOnWriteArrayList<>();
    private final ApprovalService service = new ApprovalService(requests, new RefusedAttempts() {
        @Override
        public void record(RefusedAttempt attempt) {
            refusals.add(attempt);
        }

        @Override
        public List<RefusedAttempt> forRequest(String requestId, int limit) {
            return refusals.stream().filter(r -> r.requestId().equals(requestId)).toList();
        }
    }, noPipelines(), null, new Approvers(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7));

    /** No pipeline replica: requests are judged under the policy they carry. */
    private static dev.shipgate.approval.pipeline.application.PipelineReplica noPipelines() {
        return new dev.shipgate.approval.pipeline.application.PipelineReplica() {
            @Override
            public void save(dev.shipgate.approval.pipeline.domain.ReplicatedPipeline pipeline) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<dev.shipgate.approval.pipeline.domain.ReplicatedPipeline> find(String pipelineId) {
                return Optional.empty();
            }

            @Override
            public java.util.Map<String, dev.shipgate.contracts.events.PipelineReminders> ownReminders() {
                return java.util.Map.of();
            }
        };
    }

    @Test
    void a_refused_vote_is_recorded_with_its_channel_and_reason_and_leaves_the_request_as_it_was() {
        ApprovalRequest opened = open(2);
        Channel token = Channel.apiToken("tok-9", "alice's script");

        assertThatThrownBy(() -> service.approve("alice", token, opened.id(), null))
                .isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> service.cancel("bob", Channel.session("s-1"), opened.id()))
                .isInstanceOf(RefusedException.class);

        assertThat(requests.find(opened.id())).contains(opened);
        assertThat(refusals).extracting(RefusedAttempt::actor, RefusedAttempt::action, RefusedAttempt::reason,
                        RefusedAttempt::via)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", "APPROVE", "REQUESTER_CANNOT_APPROVE", token),
                        org.assertj.core.groups.Tuple.tuple("bob", "CANCEL", "ONLY_REQUESTER_CAN_CANCEL",
                                Channel.session("s-1")));
        assertThat(refusals).allSatisfy(r -> assertThat(r.at()).isEqualTo(NOW));
    }

    @Test
    void an_unknown_request_records_nothing() {
        assertThatThrownBy(() -> service.approve("bob", Channel.session(null), "ar-none", null))
                .isInstanceOf(RefusedException.class);

        assertThat(refusals).isEmpty();
    }

    @Test
    void refusals_racing_votes_do_not_fail_or_slow_them() throws Exception {
        ApprovalRequest opened = open(3);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (String approver : List.of("bob", "carol", "dave")) {
                all.add(pool.submit(() -> service.approve(approver, Channel.session(approver), opened.id(), null)));
            }
            for (int i = 0; i < 40; i++) {
                all.add(pool.submit(() -> {
                    try {
                        service.approve("alice", Channel.apiToken("tok-a", null), opened.id(), null);
                    } catch (RefusedException expected) {
                        // the requester can never approve: recorded, not applied
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        ApprovalRequest done = requests.find(opened.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(done.votes().stream().map(dev.shipgate.approval.approval.domain.Vote::userId).toList())
                .containsExactlyInAnyOrder("bob", "carol", "dave");
        assertThat(done.version()).as("one write per vote, none per refusal").isEqualTo(3);
        assertThat(requests.conflicts).as("refusals never made a vote retry").hasValueLessThanOrEqualTo(3);
        // before the last vote the requester is refused as such; after it, the request no longer takes votes
        assertThat(refusals).hasSize(40).allSatisfy(r -> assertThat(r.reason())
                .isIn("REQUESTER_CANNOT_APPROVE", "REQUEST_NOT_PENDING"));
    }

    private ApprovalRequest open(int required) {
        ApprovalPolicy policy = new ApprovalPolicy(required, List.of(), Duration.ofHours(24), Duration.ofDays(7),
                false, false);
        Outcome outcome = ApprovalRequest.open("ar-1", IMAGE, new Approvers().actor("alice"), List.of(),
                Set.of("bob", "carol", "dave"), null, policy, NOW);
        ApprovalRequest request = ((Outcome.Accepted) outcome).request();
        requests.open(request, List.of());
        return request;
    }

    /** alice builds and deploys; bob, carol and dave approve images on shop/payments/prod. */
    private static final class Approvers implements AccessDirectory {
        @Override
        public Actor actor(String userId) {
            Role role = userId.equals("alice") ? Role.BUILD_AND_DEPLOY : Role.IMAGE_APPROVER;
            return new Actor(userId, List.of(), new Permissions(userId, List.of(new Grant(role, SCOPE))));
        }

        @Override
        public Optional<EffectiveAccess> find(String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<EffectiveAccess> all() {
            throw new UnsupportedOperationException();
        }
    }

    /** Versioned like the real store: an update applies only on the version read, and bumps it. */
    private static final class InMemoryRequests implements ApprovalRequests {
        private final Map<String, ApprovalRequest> byId = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void open(ApprovalRequest request, List<EventPayload> events) {
            byId.put(request.id(), request);
        }

        @Override
        public synchronized boolean update(ApprovalRequest next, List<EventPayload> events) {
            ApprovalRequest stored = byId.get(next.id());
            if (stored.version() != next.version()) {
                conflicts.incrementAndGet();
                return false;
            }
            byId.put(next.id(), new ApprovalRequest(next.id(), next.image(), next.requestedBy(),
                    next.notifiedApprovers(), next.comment(), next.policy(), next.status(), next.votes(),
                    next.createdAt(), next.expiresAt(), next.consumedBy(), next.history(), next.version() + 1,
                    next.standIns()));
            return true;
        }

        @Override
        public Optional<ApprovalRequest> find(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<ApprovalRequest> openForImage(String pipelineId, String digest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ApprovalRequest> forImage(String pipelineId, String digest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, ApprovalRequest> latestForImages(String pipelineId, Collection<String> digests) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ApprovalRequest> overdue(Instant now, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ApprovalRequest> openVotedOnBy(String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ApprovalRequest> search(RequestQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public dev.shipgate.contracts.paging.ListPage<ApprovalRequest> list(RequestFilter filter,
                                                                            dev.shipgate.contracts.paging.PageAt at) {
            throw new UnsupportedOperationException();
        }
    }
}
