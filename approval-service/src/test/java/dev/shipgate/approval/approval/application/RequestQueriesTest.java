package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.approval.application.ApprovalRequests.RequestFilter;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalPolicy;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.Outcome;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.contracts.refusal.RefusedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request lists count only what the caller may see, before paging: a viewer of payments asking for 20 requests
 * gets 20 of payments even when the store holds orders' requests between them (the UI's lists were short before).
 */
class RequestQueriesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Actor PAYMENTS_VIEWER = new Actor("erin", List.of(), new Permissions("erin",
            List.of(new Grant(Role.VIEW, new Scope("shop", "payments", "*")))));

    private final InMemoryApprovalRequests requests = new InMemoryApprovalRequests();
    private final RequestQueries queries = new RequestQueries(requests, new InMemoryPorts.InMemoryImages());

    @Test
    void a_page_is_full_of_visible_requests_when_invisible_ones_are_interleaved() {
        for (int i = 0; i < 60; i++) {
            store("ar-" + i, i % 2 == 0 ? "payments" : "orders", NOW.plusSeconds(i));
        }

        ListPage<ApprovalRequest> first = queries.search(PAYMENTS_VIEWER, RequestFilter.none(), PageAt.first(20));
        ListPage<ApprovalRequest> second = queries.search(PAYMENTS_VIEWER, RequestFilter.none(),
                new PageAt(first.next(), 0, 20));
        ListPage<ApprovalRequest> byPageNumber = queries.search(PAYMENTS_VIEWER, RequestFilter.none(),
                PageAt.of(null, 1, 20));

        assertThat(first.items()).hasSize(20).allMatch(request -> request.image().application().equals("payments"));
        assertThat(first.items()).extracting(ApprovalRequest::id).startsWith("ar-58", "ar-56");
        assertThat(first.total()).isEqualTo(30);
        assertThat(second.items()).hasSize(10).extracting(ApprovalRequest::id).endsWith("ar-0");
        assertThat(second.next()).isNull();
        assertThat(byPageNumber.items()).isEqualTo(second.items());
    }

    @Test
    void a_request_the_caller_may_not_see_is_answered_as_unknown() {
        store("ar-1", "orders", NOW);

        assertThatThrownBy(() -> queries.visible(PAYMENTS_VIEWER, "ar-1"))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.refusal().reason())
                        .isEqualTo("UNKNOWN_REQUEST"));
        store("ar-2", "payments", NOW);
        assertThat(queries.visible(PAYMENTS_VIEWER, "ar-2").id()).isEqualTo("ar-2");
    }

    private void store(String id, String application, Instant at) {
        RequestedImage image = new RequestedImage("pl-" + application, "shop", application, "prod",
                "sha256:" + id, "1.0", "ci-bot");
        Actor requester = new Actor("alice", List.of(), new Permissions("alice",
                List.of(new Grant(Role.BUILD_AND_DEPLOY, image.scope()))));
        ApprovalPolicy policy = new ApprovalPolicy(1, List.of(), Duration.ofHours(24), Duration.ofDays(7), false,
                false);
        requests.given(((Outcome.Accepted) ApprovalRequest.open(id, image, requester, List.of(), Set.of("bob"),
                null, policy, at)).request());
    }
}
