package dev.shipgate.approval.access.application;

import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.testing.SteppingClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based (issue 18, time-boxed grants): whatever the sequence of grants with or without an end (direct or
 * through a group), revocations and steps of time (landing exactly on an end too), a grant counts for approving and
 * deploying strictly before its end and never from it on, with nobody acting at the end. The model is the plain
 * rule; the system is {@link AccessService} as every decision of approval-service asks it.
 */
class TimeBoxedGrantsTest {

    static final Instant START = Instant.parse("2026-03-27T12:00:00Z");
    static final Scope PROD = new Scope("shop", "payments", "prod");
    static final List<String> USERS = List.of("ann", "ben");
    static final String GROUP = "on-call";

    /** One step of a sequence. */
    sealed interface Step permits Grant1, Revoke, GroupGrant, Wait, WaitForEnd {
    }

    /** Gives {@code user} {@code role} on payments, ending {@code endsIn} after now (null: no end; may be past). */
    record Grant1(String user, Role role, Duration endsIn) implements Step {
    }

    record Revoke(String user) implements Step {
    }

    /** The group (whose member is ann) gets {@code role}, ending {@code endsIn} after now (null: no end). */
    record GroupGrant(Role role, Duration endsIn) implements Step {
    }

    record Wait(Duration duration) implements Step {
    }

    /** Moves the clock exactly onto the earliest end still ahead, if any. */
    record WaitForEnd() implements Step {
    }

    @Property(tries = 400)
    void aGrantCountsStrictlyBeforeItsEndAndNeverAfter(@ForAll("sequences") List<Step> steps) {
        SteppingClock clock = new SteppingClock(START);
        InMemoryAccessStore store = new InMemoryAccessStore();
        AccessService access = new AccessService(store, clock);
        store.saveGroup(new Group(GROUP, "", List.of()));
        for (String user : USERS) {
            access.saveUser(new User(user, user + "@example.com", user, true,
                    user.equals("ann") ? List.of(GROUP) : List.of(), List.of()));
        }
        Map<String, List<Grant>> model = new LinkedHashMap<>();
        for (Step step : steps) {
            apply(step, access, store, clock, model);
            Statistics.label("step").collect(step.getClass().getSimpleName());
            Instant now = clock.instant();
            for (String user : USERS) {
                List<Grant> held = new ArrayList<>(model.getOrDefault(user, List.of()));
                if (user.equals("ann")) {
                    held.addAll(model.getOrDefault(GROUP, List.of()));
                }
                boolean approves = counts(held, Role.IMAGE_APPROVER, now);
                boolean deploys = counts(held, Role.BUILD_AND_DEPLOY, now);
                Statistics.label("approves").collect(approves);
                assertThat(access.actor(user).permissions().canApproveImages(PROD))
                        .as("%s approves at %s", user, now).isEqualTo(approves);
                assertThat(access.actor(user).permissions().canBuildAndDeploy(PROD))
                        .as("%s deploys at %s", user, now).isEqualTo(deploys);
                assertThat(access.approversFor(PROD).contains(user)).isEqualTo(approves);
            }
        }
        // the published access carries every direct grant with its end, ended ones too: consumers use their clock
        List<RoleBinding> lastOfBen = store.published.stream().filter(event -> event.userId().equals("ben"))
                .reduce((earlier, later) -> later).orElseThrow().roles();
        assertThat(lastOfBen).containsExactlyElementsOf(model.getOrDefault("ben", List.of()).stream().distinct()
                .map(Grant::toBinding).toList());
    }

    /** The rule itself: some grant of the role (or above it) with no end, or an end strictly after now. */
    private static boolean counts(List<Grant> held, Role role, Instant now) {
        return held.stream().anyMatch(g -> g.role().includes(role) && (g.until() == null || now.isBefore(g.until())));
    }

    private static void apply(Step step, AccessService access, InMemoryAccessStore store, SteppingClock clock,
                              Map<String, List<Grant>> model) {
        Instant now = clock.instant();
        if (step instanceof Grant1 g) {
            Grant grant = grant(g.role(), g.endsIn(), now);
            User user = store.findUser(g.user()).orElseThrow();
            List<Grant> grants = new ArrayList<>(user.grants());
            grants.add(grant);
            access.saveUser(new User(user.id(), user.email(), user.displayName(), true, user.groups(), grants));
            model.computeIfAbsent(g.user(), k -> new ArrayList<>()).add(grant);
        } else if (step instanceof Revoke r) {
            User user = store.findUser(r.user()).orElseThrow();
            access.saveUser(new User(user.id(), user.email(), user.displayName(), true, user.groups(), List.of()));
            model.remove(r.user());
        } else if (step instanceof GroupGrant g) {
            Grant grant = grant(g.role(), g.endsIn(), now);
            access.saveGroup(new Group(GROUP, "", List.of(grant)));
            model.put(GROUP, List.of(grant));
        } else if (step instanceof Wait w) {
            clock.step(w.duration());
        } else {
            model.values().stream().flatMap(List::stream).map(Grant::until)
                    .filter(until -> until != null && until.isAfter(now)).min(Instant::compareTo)
                    .ifPresent(end -> clock.step(Duration.between(now, end)));
        }
    }

    private static Grant grant(Role role, Duration endsIn, Instant now) {
        return Grant.of(new RoleBinding(role.name(), "shop", "payments", "*",
                endsIn == null ? null : now.plus(endsIn)));
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Role> roles = Arbitraries.of(Role.IMAGE_APPROVER, Role.BUILD_AND_DEPLOY, Role.ADMIN);
        Arbitrary<Duration> ends = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(4, Arbitraries.longs().between(-3_600_000L, 3 * 86_400_000L)
                        .map(Duration::ofMillis)));
        Arbitrary<Step> grants = Combinators.combine(Arbitraries.of(USERS), roles, ends).as(Grant1::new);
        Arbitrary<Step> groupGrants = Combinators.combine(roles, ends).as(GroupGrant::new);
        Arbitrary<Step> revokes = Arbitraries.of(USERS).map(Revoke::new);
        Arbitrary<Step> waits = Arbitraries.longs().between(0, 86_400_000L).map(ms -> new Wait(Duration.ofMillis(ms)));
        Arbitrary<Step> exactly = Arbitraries.just(new WaitForEnd());
        Arbitrary<Step> justBefore = Arbitraries.just(new Wait(Duration.ofMillis(1)));
        return Arbitraries.frequencyOf(Tuple.of(4, grants), Tuple.of(2, groupGrants),
                Tuple.of(1, revokes), Tuple.of(3, waits),
                Tuple.of(3, exactly), Tuple.of(1, justBefore))
                .list().ofMinSize(1).ofMaxSize(25);
    }
}
