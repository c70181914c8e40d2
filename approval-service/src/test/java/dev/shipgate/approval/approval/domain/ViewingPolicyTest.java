package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.access.AccessArbitraries;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see a pipeline, its images and requests, said independently of {@link Permissions}: a person sees what lies
 * inside the scope of any grant they hold (every role gives sight; super admins see everything); a service account
 * only through a ranked role, since it never approves.
 */
class ViewingPolicyTest {

    @Property
    void a_person_sees_what_any_of_their_grants_covers(@ForAll("grants") List<Grant> grants,
                                                       @ForAll("places") Scope place) {
        Actor person = new Actor("pat", List.of(), new Permissions("pat", grants));

        assertThat(ViewingPolicy.maySee(person, place)).isEqualTo(grants.stream().anyMatch(grant -> covers(grant,
                place)));
    }

    @Property
    void a_service_account_sees_only_through_a_ranked_role(@ForAll("grants") List<Grant> grants,
                                                           @ForAll("places") Scope place) {
        Actor robot = new Actor("ci-bot", List.of(), new Permissions("ci-bot", grants)).asServiceAccount();

        assertThat(ViewingPolicy.maySee(robot, place)).isEqualTo(grants.stream()
                .filter(grant -> grant.role() != Role.IMAGE_APPROVER).anyMatch(grant -> covers(grant, place)));
    }

    /** The lists' database filter is built from {@link ViewingPolicy#reach}: it must say what maySee says. */
    @Property
    void the_reach_a_list_filters_by_contains_exactly_what_may_be_seen(@ForAll("grants") List<Grant> grants,
                                                                       @ForAll boolean serviceAccount,
                                                                       @ForAll("places") Scope place) {
        Actor actor = new Actor("pat", List.of(), new Permissions("pat", grants));
        Actor caller = serviceAccount ? actor.asServiceAccount() : actor;

        assertThat(ViewingPolicy.reach(caller).contains(place)).isEqualTo(ViewingPolicy.maySee(caller, place));
    }

    @Example
    void an_image_approver_without_view_sees_what_they_are_asked_to_approve() {
        Scope prod = new Scope("shop", "payments", "prod");
        Actor approver = new Actor("carol", List.of(), new Permissions("carol",
                List.of(new Grant(Role.IMAGE_APPROVER, prod))));

        assertThat(approver.permissions().canView(prod)).isFalse();
        assertThat(ViewingPolicy.maySee(approver, prod)).isTrue();
        assertThat(ViewingPolicy.maySee(approver, new Scope("shop", "payments", "staging"))).isFalse();
    }

    private static boolean covers(Grant grant, Scope place) {
        return grant.role() == Role.SUPER_ADMIN || grant.scope().contains(place);
    }

    @Provide
    Arbitrary<List<Grant>> grants() {
        return AccessArbitraries.anyGrant().list().ofMaxSize(4);
    }

    /** Concrete places (no wildcard): where a pipeline lives. */
    @Provide
    Arbitrary<Scope> places() {
        return AccessArbitraries.scopes().filter(scope -> !scope.project().equals(Scope.ALL)
                && !scope.application().equals(Scope.ALL) && !scope.environment().equals(Scope.ALL));
    }
}
