package dev.shipgate.approval.deputy.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.refusal.Refusal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeputyRules} over generated namings and moments: a deputy stands in exactly while their period covers the
 * moment (from inclusive, until exclusive), one hop only (never a deputy's deputy), and a vote is "deputy of" only
 * before the period's end; nobody is their own deputy in any spelling; only the approver or a super admin names one.
 */
class DeputyRulesPropertiesTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    static final List<String> PEOPLE = List.of("alice", "bob", "carol", "dave", "erin");

    @Provide
    Arbitrary<Map<String, Deputy>> namings() {
        Arbitrary<Deputy> deputy = Combinators.combine(Arbitraries.of(PEOPLE), Arbitraries.of(PEOPLE),
                Arbitraries.integers().between(0, 48), Arbitraries.integers().between(1, 48))
                .as((approver, dep, start, length) -> new Deputy(approver, dep, T0.plus(Duration.ofHours(start)),
                        T0.plus(Duration.ofHours(start + length)), approver, T0));
        return deputy.list().ofMaxSize(8).map(list -> list.stream()
                .filter(d -> !d.approver().equals(d.deputy()))
                .collect(Collectors.toMap(Deputy::approver, d -> d, (first, second) -> second)));
    }

    @Provide
    Arbitrary<List<String>> asked() {
        return Arbitraries.of(PEOPLE).set().ofMinSize(1).map(List::copyOf);
    }

    @Property(tries = 500)
    void a_deputy_stands_in_exactly_while_the_period_covers_the_moment_and_never_for_a_deputy(
            @ForAll("namings") Map<String, Deputy> namings, @ForAll("asked") List<String> asked,
            @ForAll @IntRange(min = 0, max = 100) int hour) {
        Instant now = T0.plus(Duration.ofHours(hour));

        List<StandIn> standIns = DeputyRules.standIns(asked, approver -> Optional.ofNullable(namings.get(approver)),
                now);
        List<String> askedNow = DeputyRules.askedWith(asked, standIns);

        for (String approver : asked) {
            Deputy naming = namings.get(approver);
            boolean away = naming != null && !now.isBefore(naming.from()) && now.isBefore(naming.until());
            assertThat(standIns.stream().anyMatch(s -> s.approver().equals(approver))).as(approver).isEqualTo(away);
            if (away) {
                assertThat(askedNow).contains(naming.deputy());
            }
        }
        Set<String> oneHop = new HashSet<>(asked);
        asked.stream().map(namings::get).filter(d -> d != null).forEach(d -> oneHop.add(d.deputy()));
        assertThat(oneHop).as("asked: the approvers and their own deputies, nobody further").containsAll(askedNow);
        assertThat(askedNow).doesNotHaveDuplicates();
    }

    @Property(tries = 300)
    void a_vote_is_as_deputy_only_before_the_period_ends(@ForAll @IntRange(min = 1, max = 48) int length,
                                                         @ForAll @IntRange(min = 0, max = 100) int hour) {
        List<StandIn> standIns = List.of(new StandIn("bob", "dave", T0.plus(Duration.ofHours(length))));
        Instant at = T0.plus(Duration.ofHours(hour));

        assertThat(DeputyRules.deputyOf("Dave", standIns, at)).isEqualTo(
                hour < length ? Optional.of("bob") : Optional.empty());
        assertThat(DeputyRules.deputyOf("carol", standIns, at)).isEmpty();
    }

    @Property(tries = 200)
    void nobody_is_their_own_deputy_in_any_spelling(@ForAll("person") String person, @ForAll boolean upper) {
        Actor self = actor(person, Permissions.none(person));
        String spelled = upper ? person.toUpperCase(Locale.ROOT) : " " + person;

        Optional<Refusal> refusal = DeputyRules.check(self, spelled, self, true, T0, T0.plusSeconds(3600), T0);

        assertThat(refusal.map(Refusal::reason)).contains(DeputyRefusal.SELF_DEPUTY.name());
        assertThat(refusal.get().facts()).containsEntry("field", "deputy");
    }

    @Property(tries = 200)
    void only_the_approver_or_a_super_admin_names_a_deputy(@ForAll("person") String caller,
                                                          @ForAll("person") String approver,
                                                          @ForAll boolean superAdmin) {
        Permissions rights = superAdmin
                ? new Permissions(caller, List.of(new Grant(Role.SUPER_ADMIN, Scope.everywhere())))
                : new Permissions(caller, List.of(new Grant(Role.MANAGER, Scope.everywhere())));
        Actor deputy = actor("zoe", Permissions.none("zoe"));

        Optional<Refusal> refusal = DeputyRules.check(actor(caller, rights), approver, deputy, true, T0,
                T0.plusSeconds(3600), T0);

        boolean allowed = superAdmin || caller.equals(approver);
        assertThat(refusal.isEmpty()).as("%s names %s's deputy", caller, approver).isEqualTo(allowed);
        if (!allowed) {
            assertThat(refusal.get().reason()).isEqualTo(DeputyRefusal.NOT_YOUR_DEPUTY.name());
        }
    }

    @Property(tries = 300)
    void a_period_must_end_after_it_starts_and_after_now_and_last_at_most_a_year(
            @ForAll @IntRange(min = -400, max = 400) int startDays, @ForAll @IntRange(min = -400, max = 400) int days) {
        Instant from = T0.plus(Duration.ofDays(startDays));
        Instant until = from.plus(Duration.ofDays(days));
        Actor bob = actor("bob", Permissions.none("bob"));

        Optional<Refusal> refusal = DeputyRules.check(bob, "bob", actor("dave", Permissions.none("dave")), true,
                from, until, T0);

        String expected = days <= 0 ? "PERIOD_INVALID" : !until.isAfter(T0) ? "PERIOD_OVER"
                : days > DeputyRules.LONGEST.toDays() ? "PERIOD_TOO_LONG" : null;
        assertThat(refusal.map(Refusal::reason).orElse(null)).isEqualTo(expected);
        refusal.ifPresent(r -> assertThat(r.facts()).containsEntry("field", "until"));
    }

    @Provide
    Arbitrary<String> person() {
        return Arbitraries.of(PEOPLE);
    }

    private static Actor actor(String id, Permissions permissions) {
        return new Actor(id, List.of(), permissions);
    }
}
