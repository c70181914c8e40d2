package dev.shipgate.approval.approval.adapter;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.application.ApprovalRequests.RequestFilter;
import dev.shipgate.approval.approval.domain.ApprovalPolicy;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.AwaitingVotePolicy;
import dev.shipgate.approval.approval.domain.EscalationPolicy;
import dev.shipgate.approval.approval.domain.Escalations;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.approval.approval.domain.ViewingPolicy;
import dev.shipgate.approval.approval.domain.Vote;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.messaging.AggregateStore;
import dev.shipgate.support.messaging.Outbox;
import dev.shipgate.support.messaging.OutboxRelay;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists' database filters say what the domain's rules say: for random grants and random stored requests, the
 * requests {@link MongoApprovalRequests#list} returns under {@link ViewingPolicy#reach} are exactly those
 * {@link ViewingPolicy#maySee} lets the caller see, and those under {@link AwaitingVotePolicy#filterFor} exactly those
 * {@link AwaitingVotePolicy#awaits} puts in their pending list; with the escalation filter too
 * ({@link EscalationPolicy#filterFor}), exactly those {@link EscalationPolicy#inPendingList} holds (random groups and
 * plans, ages on both sides of the time to escalation). Against the MongoDB-compatible server run as a real
 * process. User ids come in several spellings of the same person (design rule 12), scopes with {@code *}.
 */
class ListQueryAgreementProperties {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final MongoClient CLIENT = MongoClients.create(SharedInfra.get().mongoUri());
    private static final List<String> PEOPLE = List.of("alice", "Alice", "bob", "carol", "ＣＡＲＯＬ", " dave ");

    @AfterContainer
    static void close() {
        CLIENT.close();
    }

    record Case(Actor actor, List<ApprovalRequest> requests, Escalations escalations) {
    }

    @Property(tries = 150)
    void the_database_filters_agree_with_the_domain_rules(@ForAll("cases") Case c) {
        String database = "agree-" + UUID.randomUUID();
        MongoTemplate mongo = new MongoTemplate(CLIENT, database);
        try {
            MongoApprovalRequests store = new MongoApprovalRequests(mongo, new AggregateStore(mongo,
                    new Outbox("test", Clock.systemUTC(), null, new OutboxRelay(mongo, null, List.of(), 3_600_000,
                            3_600_000))));
            c.requests().forEach(request -> store.open(request, List.of()));

            Set<String> visible = ids(store, new RequestFilter(null, null, null, null, null, null, null,
                    ViewingPolicy.reach(c.actor()), null));
            assertThat(visible).isEqualTo(c.requests().stream()
                    .filter(r -> ViewingPolicy.maySee(c.actor(), r.image().scope())).map(ApprovalRequest::id)
                    .collect(Collectors.toSet()));

            Set<String> expectedAwaiting = c.requests().stream()
                    .filter(r -> AwaitingVotePolicy.awaits(c.actor(), r, NOW)).map(ApprovalRequest::id)
                    .collect(Collectors.toSet());
            Set<String> awaiting = AwaitingVotePolicy.filterFor(c.actor(), NOW)
                    .map(voter -> ids(store, new RequestFilter(null, null, null, null, null, null, null, null, voter)))
                    .orElse(Set.of());
            assertThat(awaiting).isEqualTo(expectedAwaiting);

            Set<String> expectedPending = c.requests().stream()
                    .filter(r -> EscalationPolicy.inPendingList(c.actor(), r, c.escalations(), NOW))
                    .map(ApprovalRequest::id).collect(Collectors.toSet());
            var escalated = EscalationPolicy.filterFor(c.actor(), c.escalations(), NOW).orElse(null);
            var voter = AwaitingVotePolicy.filterFor(c.actor(), NOW).orElse(null);
            Set<String> pending = voter == null && escalated == null ? Set.of() : ids(store, new RequestFilter(null,
                    null, null, null, null, null, null, null, voter, escalated));
            assertThat(pending).isEqualTo(expectedPending);
        } finally {
            mongo.getDb().drop();
        }
    }

    private static Set<String> ids(MongoApprovalRequests store, RequestFilter filter) {
        var page = store.list(filter, PageAt.first(100));
        assertThat(page.total()).isEqualTo(page.items().size());
        return page.items().stream().map(ApprovalRequest::id).collect(Collectors.toSet());
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(actors(), requests().list().ofMaxSize(12), escalations())
                .as((actor, requests, escalations) -> new Case(actor, numbered(requests), escalations));
    }

    /**
     * The installation's default plan (with or without a group, escalating after 1 or 3 hours) and pl-y's own plan
     * as its pipeline carries it: each field given or left out (then the default's), the group possibly "" (never).
     */
    private static Arbitrary<Escalations> escalations() {
        Arbitrary<Duration> after = Arbitraries.of(1L, 3L).map(Duration::ofHours);
        Arbitrary<String> group = Arbitraries.of("release", "ops");
        Arbitrary<Escalations.Plan> defaults = Combinators.combine(after, group.injectNull(0.3))
                .as(Escalations.Plan::new);
        Arbitrary<PipelineReminders> own = Combinators.combine(after.injectNull(0.4),
                Arbitraries.oneOf(group, Arbitraries.just("")).injectNull(0.3))
                .as((escalateAfter, fallbackGroup) -> new PipelineReminders(null, null, null, escalateAfter,
                        fallbackGroup));
        return Combinators.combine(defaults, own.injectNull(0.5))
                .as((plan, pipelinePlan) -> Escalations.of(plan, pipelinePlan == null ? Map.of()
                        : Map.of("pl-y", pipelinePlan)));
    }

    private static List<ApprovalRequest> numbered(List<ApprovalRequest> requests) {
        List<ApprovalRequest> unique = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ApprovalRequest r = requests.get(i);
            RequestedImage image = r.image();
            unique.add(new ApprovalRequest("ar-" + i, new RequestedImage(image.pipelineId(), image.project(),
                    image.application(), image.environment(), "sha256:" + i, image.tag(), image.builtBy(),
                    image.imageApplication()), r.requestedBy(), r.notifiedApprovers(), null, r.policy(), r.status(),
                    r.votes(), r.createdAt().plusMillis(i), r.expiresAt(), null, List.of(), 0));
        }
        return unique;
    }

    private static Arbitrary<Actor> actors() {
        Arbitrary<Grant> grant = Combinators.combine(Arbitraries.of(Role.class), grantScopes())
                .as(Grant::new);
        return Combinators.combine(Arbitraries.of(PEOPLE), grant.list().ofMaxSize(3),
                        Arbitraries.of(true, false, false, false), Arbitraries.of("release", "ops").set())
                .as((user, grants, service, groups) -> {
                    Actor actor = new Actor(user, List.copyOf(groups), new Permissions(user, grants));
                    return service ? actor.asServiceAccount() : actor;
                });
    }

    private static Arbitrary<Scope> grantScopes() {
        return Combinators.combine(Arbitraries.of("*", "shop", "bank"), Arbitraries.of("*", "payments", "orders"),
                Arbitraries.of("*", "prod", "dev")).as(Scope::new);
    }

    private static Arbitrary<ApprovalRequest> requests() {
        Arbitrary<RequestedImage> images = Combinators.combine(Arbitraries.of("shop", "bank", "*"),
                        Arbitraries.of("payments", "orders"), Arbitraries.of("prod", "dev", ""),
                        Arbitraries.of(PEOPLE).injectNull(0.2), Arbitraries.of(true, false, false, false),
                        Arbitraries.of("pl-x", "pl-y"))
                .as((project, application, environment, builder, foreign, pipeline) -> new RequestedImage(pipeline,
                        project,
                        application, environment, "sha256:x", "1.0", builder, foreign ? "elsewhere" : application));
        Arbitrary<List<Vote>> votes = Arbitraries.of(PEOPLE).list().ofMaxSize(3)
                .map(voters -> voters.stream().map(v -> new Vote(v, List.of(), null, NOW)).toList());
        ApprovalPolicy policy = new ApprovalPolicy(2, List.of(), Duration.ofHours(24), Duration.ofDays(7), false,
                false);
        return Combinators.combine(images, Arbitraries.of(PEOPLE), Arbitraries.of(ApprovalStatus.class), votes,
                        Arbitraries.integers().between(-60, 60), Arbitraries.of(0L, 3599L, 3600L, 10_799L, 10_800L))
                .as((image, requester, status, voted, expiresIn, age) -> new ApprovalRequest("ar", image, requester,
                        List.of(), null, policy, status, voted, NOW.minusSeconds(age), NOW.plusSeconds(expiresIn),
                        null, List.of(), 0));
    }
}
