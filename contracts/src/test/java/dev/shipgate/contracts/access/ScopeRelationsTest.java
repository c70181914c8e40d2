package dev.shipgate.contracts.access;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The two scope relations over generated scopes from a small alphabet, so that equal fields and stars are common. */
class ScopeRelationsTest {

    @Provide
    Arbitrary<Scope> scopes() {
        Arbitrary<String> projects = Arbitraries.of("*", "shop", "infra");
        Arbitrary<String> applications = Arbitraries.of("*", "payments", "orders");
        Arbitrary<String> environments = Arbitraries.of("*", "staging", "prod");
        return Combinators.combine(projects, applications, environments).as(Scope::new);
    }

    @Property
    void containmentIsReflexive(@ForAll("scopes") Scope a) {
        assertThat(a.contains(a)).isTrue();
    }

    @Property
    void containmentIsAntisymmetric(@ForAll("scopes") Scope a, @ForAll("scopes") Scope b) {
        if (a.contains(b) && b.contains(a)) {
            assertThat(a).isEqualTo(b);
        }
    }

    @Property
    void containmentIsTransitive(@ForAll("scopes") Scope a, @ForAll("scopes") Scope b, @ForAll("scopes") Scope c) {
        if (a.contains(b) && b.contains(c)) {
            assertThat(a.contains(c)).isTrue();
        }
    }

    @Property
    void everywhereContainsEveryScopeAndOnlyEverywhereContainsIt(@ForAll("scopes") Scope a) {
        assertThat(Scope.everywhere().contains(a)).isTrue();
        assertThat(a.contains(Scope.everywhere())).isEqualTo(a.equals(Scope.everywhere()));
    }

    @Property
    void overlapIsSymmetricAndImpliedByContainment(@ForAll("scopes") Scope a, @ForAll("scopes") Scope b) {
        assertThat(a.overlaps(b)).isEqualTo(b.overlaps(a));
        if (a.contains(b)) {
            assertThat(a.overlaps(b)).isTrue();
        }
    }

    @Property
    void aGrantOnAScopeActsOnlyInsideIt(@ForAll("scopes") Scope granted, @ForAll("scopes") Scope target) {
        Permissions holder = new Permissions("u", List.of(new Grant(Role.MANAGER, granted)));
        assertThat(holder.has(Role.MANAGER, target)).isEqualTo(granted.contains(target));
    }

    // The reported input (issue 15): a grant on shop / payments / * does not reach * / * / *.
    @Example
    void aStarInTheTargetIsNotReachedByAConcreteGrant() {
        Scope payments = new Scope("shop", "payments", "*");
        assertThat(payments.contains(Scope.everywhere())).isFalse();
        assertThat(payments.overlaps(Scope.everywhere())).isTrue();
        assertThat(payments.contains(new Scope("shop", "payments", "prod"))).isTrue();
        assertThat(new Scope("shop", "*", "prod").contains(new Scope("shop", "payments", "*"))).isFalse();
    }
}
