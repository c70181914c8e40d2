package dev.shipgate.contracts.access;

import dev.shipgate.contracts.refusal.Refusal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.From;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The granting rules over generated holders and bindings (scopes from a small alphabet so that containment, overlap
 * and stars are common). The reported input of issue 15 item 1 is among the examples.
 */
class GrantingPolicyTest {

    private static final Scope PAYMENTS = new Scope("shop", "payments", "*");

    @Provide
    Arbitrary<Scope> scopes() {
        return Combinators.combine(Arbitraries.of("*", "shop", "infra"), Arbitraries.of("*", "payments", "orders"),
                Arbitraries.of("*", "staging", "prod")).as(Scope::new);
    }

    @Provide
    Arbitrary<Grant> grants() {
        return Combinators.combine(Arbitraries.of(Role.class), scopes()).as(Grant::new);
    }

    @Provide
    Arbitrary<Grant> nonSuperAdminGrants() {
        // MANAGER more often than the others, so that granting is often allowed and the property tests both sides
        Arbitrary<Role> roles = Arbitraries.frequency(Tuple.of(4, Role.MANAGER), Tuple.of(1, Role.VIEW),
                Tuple.of(1, Role.BUILD_AND_DEPLOY), Tuple.of(1, Role.ADMIN), Tuple.of(1, Role.IMAGE_APPROVER));
        return Combinators.combine(roles, scopes()).as(Grant::new);
    }

    @Property
    void whatANonSuperAdminMayGrantLiesInsideAManagerGrantTheyHold(
            @ForAll @Size(max = 4) List<@From("nonSuperAdminGrants") Grant> held, @ForAll("grants") Grant binding) {
        Permissions granter = new Permissions("g", held);
        boolean allowed = GrantingPolicy.refusalOf(granter, binding).isEmpty();
        Statistics.label("allowed").collect(allowed);
        boolean insideAManagerGrant = held.stream().anyMatch(h -> h.role() == Role.MANAGER
                && h.scope().contains(binding.scope()));
        assertThat(allowed).isEqualTo(binding.role() != Role.SUPER_ADMIN && insideAManagerGrant
                && (binding.role() != Role.IMAGE_APPROVER || holdsApproverOn(held, binding.scope())));
        Statistics.label("allowed").coverage(c -> c.check(true).percentage(p -> p > 8));
    }

    @Provide
    Arbitrary<Grant> managerOrApproverGrants() {
        return Combinators.combine(Arbitraries.of(Role.MANAGER, Role.IMAGE_APPROVER), scopes()).as(Grant::new);
    }

    // a target without stars is contained more often, so that both "manages and approves" and "only manages" occur
    @Provide
    Arbitrary<Scope> placesWithoutStars() {
        return Combinators.combine(Arbitraries.of("shop", "infra"), Arbitraries.of("payments", "orders"),
                Arbitraries.of("staging", "prod")).as(Scope::new);
    }

    // rule 13 "only roles at or below their own": IMAGE_APPROVER is additive, so MANAGER alone never gives it
    @Property
    void imageApproverIsGivenOrTakenOnlyByAManagerWhoHoldsItThere(
            @ForAll @Size(max = 4) List<@From("managerOrApproverGrants") Grant> held,
            @ForAll("placesWithoutStars") Scope scope) {
        Permissions granter = new Permissions("g", held);
        boolean allowed = GrantingPolicy.refusalOf(granter, new Grant(Role.IMAGE_APPROVER, scope)).isEmpty();
        boolean managesIt = held.stream().anyMatch(h -> h.role() == Role.MANAGER && h.scope().contains(scope));
        boolean approvesIt = holdsApproverOn(held, scope);
        Statistics.label("manages, approves").collect(managesIt, approvesIt);
        assertThat(allowed).isEqualTo(managesIt && approvesIt);
        Statistics.label("manages, approves").coverage(c -> { // about 7 % each: a bound of 5 % failed now and then
            c.check(true, true).percentage(p -> p > 2);
            c.check(true, false).percentage(p -> p > 2);
        });
    }

    private static boolean holdsApproverOn(List<Grant> held, Scope scope) {
        return held.stream().anyMatch(h -> h.role() == Role.IMAGE_APPROVER && h.scope().contains(scope));
    }

    @Property
    void aSuperAdminMayGrantAnything(@ForAll("grants") Grant binding) {
        Permissions superAdmin = new Permissions("root", List.of(new Grant(Role.SUPER_ADMIN, Scope.everywhere())));
        assertThat(GrantingPolicy.refusalOf(superAdmin, binding)).isEmpty();
    }

    @Property
    void nobodyButASuperAdminChangesTheirOwnGrants(
            @ForAll @Size(max = 4) List<@From("nonSuperAdminGrants") Grant> held, @ForAll("grants") Grant binding) {
        Permissions self = new Permissions("mona", held);
        List<Grant> after = new ArrayList<>(held);
        if (!after.removeIf(binding::equals)) {
            after.add(binding);
        }
        Optional<Refusal> refusal = GrantingPolicy.refusalOfUserChange(self, " MONA ", held, after);
        assertThat(refusal).map(Refusal::reason).contains(GrantingPolicy.Reason.CANNOT_CHANGE_OWN_GRANTS.name());
    }

    @Property
    void anUnchangedListIsNoChangeWhoeverSendsIt(@ForAll @Size(max = 4) List<@From("grants") Grant> grants) {
        Permissions nobody = Permissions.none("erin");
        assertThat(GrantingPolicy.refusalOfUserChange(nobody, "erin", grants, List.copyOf(grants))).isEmpty();
        List<Grant> reordered = new ArrayList<>(grants);
        Collections.reverse(reordered);
        assertThat(GrantingPolicy.refusalOfUserChange(nobody, "frank", grants, reordered)).isEmpty();
    }

    @Property
    void theGrantableScopesAreExactlyWhereTheHolderMayGrant(
            @ForAll @Size(max = 4) List<@From("nonSuperAdminGrants") Grant> held, @ForAll("scopes") Scope target) {
        Permissions granter = new Permissions("g", held);
        boolean insideOne = GrantingPolicy.grantableScopes(granter).stream().anyMatch(s -> s.contains(target));
        assertThat(insideOne).isEqualTo(granter.canGrant(Role.VIEW, target));
    }

    // issue 15 item 1: mona, MANAGER on shop / payments / *
    @Example
    void aScopedManagerCannotMakeHerselfGlobalNorAnyoneElse() {
        Grant own = new Grant(Role.MANAGER, PAYMENTS);
        Permissions mona = new Permissions("mona", List.of(own));
        Grant managerEverywhere = new Grant(Role.MANAGER, Scope.everywhere());
        Grant approverEverywhere = new Grant(Role.IMAGE_APPROVER, Scope.everywhere());

        assertThat(GrantingPolicy.refusalOfUserChange(mona, "mona", List.of(own), List.of(own, managerEverywhere)))
                .map(Refusal::reason).contains(GrantingPolicy.Reason.CANNOT_CHANGE_OWN_GRANTS.name());
        assertThat(GrantingPolicy.refusalOfUserChange(mona, "erin", List.of(), List.of(managerEverywhere)))
                .map(Refusal::reason).contains(GrantingPolicy.Reason.NOT_ALLOWED_TO_GRANT.name());
        assertThat(GrantingPolicy.refusalOfUserChange(mona, "erin", List.of(), List.of(approverEverywhere)))
                .map(Refusal::reason).contains(GrantingPolicy.Reason.NOT_ALLOWED_TO_GRANT.name());
        assertThat(GrantingPolicy.refusalOfUserChange(mona, "erin", List.of(managerEverywhere), List.of()))
                .map(Refusal::reason).contains(GrantingPolicy.Reason.NOT_ALLOWED_TO_GRANT.name());
        assertThat(GrantingPolicy.refusalOfUserChange(mona, "erin", List.of(), List.of(new Grant(Role.ADMIN,
                new Scope("shop", "payments", "prod")), new Grant(Role.MANAGER, PAYMENTS)))).isEmpty();
        assertThat(GrantingPolicy.refusalOfUserChange(mona, "erin", List.of(), List.of(new Grant(Role.SUPER_ADMIN,
                PAYMENTS)))).map(Refusal::reason).contains(GrantingPolicy.Reason.SUPER_ADMIN_ONLY.name());
        assertThat(GrantingPolicy.grantableScopes(mona)).containsExactly(PAYMENTS);
    }

    // the follow-up of issue 15 item 1: mona, MANAGER without IMAGE_APPROVER, made the service account ci-bot an
    // approver
    @Example
    void aManagerGivesOrTakesImageApproverOnlyWhereSheHoldsIt() {
        Grant approverOnPaymentsProd = new Grant(Role.IMAGE_APPROVER, new Scope("shop", "payments", "prod"));
        Permissions mona = new Permissions("mona", List.of(new Grant(Role.MANAGER, PAYMENTS)));
        Optional<Refusal> refusal = GrantingPolicy.refusalOfUserChange(mona, "ci-bot", List.of(),
                List.of(approverOnPaymentsProd));
        assertThat(refusal).map(Refusal::reason).contains(GrantingPolicy.Reason.NOT_ALLOWED_TO_GRANT.name());
        assertThat(refusal).map(Refusal::detail).hasValueSatisfying(detail -> assertThat(detail)
                .contains("must hold IMAGE_APPROVER"));
        assertThat(GrantingPolicy.refusalOfUserChange(mona, "ci-bot", List.of(approverOnPaymentsProd), List.of()))
                .map(Refusal::reason).contains(GrantingPolicy.Reason.NOT_ALLOWED_TO_GRANT.name());

        Permissions monaApprover = new Permissions("mona", List.of(new Grant(Role.MANAGER, PAYMENTS),
                new Grant(Role.IMAGE_APPROVER, new Scope("shop", "*", "prod"))));
        assertThat(GrantingPolicy.refusalOfUserChange(monaApprover, "erin", List.of(), List.of(approverOnPaymentsProd)))
                .isEmpty();
        assertThat(GrantingPolicy.refusalOfUserChange(monaApprover, "erin", List.of(approverOnPaymentsProd), List.of()))
                .isEmpty();
        assertThat(GrantingPolicy.refusalOfUserChange(monaApprover, "erin", List.of(), List.of(new Grant(
                Role.IMAGE_APPROVER, PAYMENTS)))).map(Refusal::reason)
                .contains(GrantingPolicy.Reason.NOT_ALLOWED_TO_GRANT.name());
    }

    @Example
    void anAdminGrantsNothingAndOnlyASuperAdminChangesGroups() {
        Permissions admin = new Permissions("ada", List.of(new Grant(Role.ADMIN, Scope.everywhere())));
        assertThat(GrantingPolicy.refusalOf(admin, new Grant(Role.VIEW, PAYMENTS))).isPresent();
        assertThat(GrantingPolicy.grantableScopes(admin)).isEmpty();
        Permissions globalManager = new Permissions("gm", List.of(new Grant(Role.MANAGER, Scope.everywhere())));
        assertThat(GrantingPolicy.refusalOfGroupChange(globalManager)).map(Refusal::reason)
                .contains(GrantingPolicy.Reason.SUPER_ADMIN_ONLY.name());
        assertThat(GrantingPolicy.refusalOfGroupChange(new Permissions("root", List.of(new Grant(Role.SUPER_ADMIN,
                Scope.everywhere()))))).isEmpty();
    }
}
