package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DefaultRecipients} over any mix of eligible people: who is asked is always eligible, never empty when
 * someone is eligible, and a super admin is asked only when no eligible person holds an image approver grant
 * containing the scope, judged here from the scope fields themselves (each {@code *} or equal).
 */
class DefaultRecipientsPropertiesTest {

    static final Scope TARGET = new Scope("shop", "payments", "staging");

    @Property
    void the_scope_s_approvers_are_asked_and_super_admins_only_when_there_is_none(
            @ForAll("eligible") List<Actor> eligible) {
        List<String> asked = DefaultRecipients.among(eligible, TARGET);

        List<String> namingTarget = eligible.stream().filter(DefaultRecipientsPropertiesTest::approverByFields)
                .map(Actor::userId).sorted().toList();
        Statistics.collect(namingTarget.isEmpty() ? "fallback to all eligible" : "scope approvers");
        assertThat(eligible.stream().map(Actor::userId).toList()).containsAll(asked);
        assertThat(asked).isEqualTo(namingTarget.isEmpty()
                ? eligible.stream().map(Actor::userId).sorted().toList() : namingTarget);
        assertThat(asked.isEmpty()).isEqualTo(eligible.isEmpty());
    }

    private static boolean approverByFields(Actor actor) {
        return actor.permissions().grants().stream().anyMatch(grant -> grant.role() == Role.IMAGE_APPROVER
                && fieldCovers(grant.scope().project(), TARGET.project())
                && fieldCovers(grant.scope().application(), TARGET.application())
                && fieldCovers(grant.scope().environment(), TARGET.environment()));
    }

    private static boolean fieldCovers(String granted, String target) {
        return "*".equals(granted) || granted.equals(target);
    }

    @Provide
    Arbitrary<List<Actor>> eligible() {
        Arbitrary<Scope> scopes = Combinators.combine(Arbitraries.of("shop", "*", "bank"),
                Arbitraries.of("payments", "*", "cart"), Arbitraries.of("staging", "*", "prod")).as(Scope::new);
        Arbitrary<Grant> grants = Combinators.combine(Arbitraries.of(Role.IMAGE_APPROVER, Role.SUPER_ADMIN,
                Role.VIEW, Role.MANAGER), scopes).as(Grant::new);
        return grants.list().ofMaxSize(3).list().ofMaxSize(6).map(perPerson -> IntStream.range(0, perPerson.size())
                .mapToObj(i -> new Actor("u" + i, List.of(), new Permissions("u" + i, perPerson.get(i)))).toList());
    }
}
