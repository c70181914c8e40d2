package dev.shipgate.approval.approval.adapter;

import com.mongodb.client.MongoClients;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.application.ApprovalRequests.RequestFilter;
import dev.shipgate.approval.approval.domain.ApprovalPolicy;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.AwaitingVotePolicy;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.approval.approval.domain.ViewingPolicy;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.messaging.AggregateStore;
import dev.shipgate.support.messaging.Outbox;
import dev.shipgate.support.messaging.OutboxRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The request lists' queries on the MongoDB-compatible server run as a real process: filter first, then page. */
class MongoRequestListsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final ApprovalPolicy POLICY = new ApprovalPolicy(2, List.of(), Duration.ofHours(24),
            Duration.ofDays(7), false, false);
    private static final Actor CAROL = new Actor("carol", List.of(), new Permissions("carol",
            List.of(new Grant(Role.IMAGE_APPROVER, new Scope("shop", "*", "*")))));

    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()),
            "request-lists-" + UUID.randomUUID());
    private final MongoApprovalRequests requests = new MongoApprovalRequests(mongo, new AggregateStore(mongo,
            new Outbox("test", Clock.systemUTC(), null, new OutboxRelay(mongo, null, List.of(), 3_600_000,
                    3_600_000))));

    @AfterEach
    void drop() {
        mongo.getDb().drop();
    }

    @Test
    void thirty_two_requests_waiting_for_carol_among_others_are_all_reached_twenty_at_a_time() {
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            // every fifth she requested herself, every fifth is another project's, the rest wait for her (32)
            String requester = i % 5 == 1 ? "Carol" : "alice";
            String project = i % 5 == 3 ? "bank" : "shop";
            ApprovalStatus status = i % 5 == 4 ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING;
            String id = store(i, project, requester, status);
            if (i % 5 == 0 || i % 5 == 2) {
                waiting.add(id);
            }
        }
        assertThat(waiting).hasSize(32);
        RequestFilter filter = new RequestFilter(null, null, null, null, null, null, null, null,
                AwaitingVotePolicy.filterFor(CAROL, NOW).orElseThrow());

        ListPage<ApprovalRequest> first = requests.list(filter, PageAt.first(20));
        ListPage<ApprovalRequest> second = requests.list(filter, new PageAt(first.next(), 0, 20));

        assertThat(first.items()).hasSize(20);
        assertThat(first.total()).isEqualTo(32);
        assertThat(second.items()).hasSize(12);
        assertThat(second.next()).isNull();
        List<String> reached = new ArrayList<>(ids(first));
        reached.addAll(ids(second));
        assertThat(reached).isEqualTo(newestFirst(waiting));
        assertThat(ids(requests.list(filter, PageAt.of(null, 1, 20)))).isEqualTo(ids(second));
    }

    @Test
    void a_request_written_between_two_pages_neither_repeats_nor_hides_one() {
        for (int i = 0; i < 30; i++) {
            store(i, "shop", "alice", ApprovalStatus.PENDING);
        }
        RequestFilter all = RequestFilter.none();
        ListPage<ApprovalRequest> first = requests.list(all, PageAt.first(20));

        store(99, "shop", "alice", ApprovalStatus.PENDING); // newer than all: on the first page, not the second

        ListPage<ApprovalRequest> second = requests.list(all, new PageAt(first.next(), 0, 20));
        assertThat(ids(second)).hasSize(10).doesNotContainAnyElementsOf(ids(first)).endsWith("ar-0");
    }

    @Test
    void the_search_finds_by_tag_digest_and_commit_and_the_requester_lists_their_own() {
        store(1, "shop", "alice", ApprovalStatus.PENDING);
        store(2, "shop", "Bob", ApprovalStatus.PENDING);
        store(3, "shop", "alice", ApprovalStatus.CANCELLED);

        assertThat(ids(requests.list(text("RC-2", List.of()), PageAt.first(20)))).containsExactly("ar-2");
        assertThat(ids(requests.list(text("abcdef03", List.of()), PageAt.first(20)))).containsExactly("ar-3");
        assertThat(ids(requests.list(text("c0ffee", List.of("sha256:abcdef01")), PageAt.first(20))))
                .containsExactly("ar-1");
        assertThat(ids(requests.list(new RequestFilter(null, List.of(ApprovalStatus.PENDING,
                ApprovalStatus.APPROVED), null, null, null, "bob", null, null, null), PageAt.first(20))))
                .containsExactly("ar-2");
        assertThat(ids(requests.list(new RequestFilter(null, null, null, null, null, null, null,
                ViewingPolicy.reach(CAROL), null), PageAt.first(20)))).containsExactly("ar-3", "ar-2", "ar-1");
    }

    private static RequestFilter text(String text, List<String> commitDigests) {
        return new RequestFilter(null, null, null, text, commitDigests, null, null, null, null);
    }

    private String store(int i, String project, String requester, ApprovalStatus status) {
        String id = "ar-" + i;
        RequestedImage image = new RequestedImage("pl-" + project, project, "payments", "prod",
                String.format("sha256:abcdef%02d", i), "1.0-rc-" + i, "ci-bot");
        requests.open(new ApprovalRequest(id, image, requester, List.of(), null, POLICY, status, List.of(),
                NOW.minusSeconds(1000 - i), NOW.plusSeconds(3600), null, List.of(), 0), List.of());
        return id;
    }

    private static List<String> newestFirst(List<String> ids) {
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static List<String> ids(ListPage<ApprovalRequest> page) {
        return page.items().stream().map(ApprovalRequest::id).toList();
    }
}
