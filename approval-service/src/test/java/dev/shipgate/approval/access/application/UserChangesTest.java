package dev.shipgate.approval.access.application;

import dev.shipgate.approval.access.domain.User;
import dev.shipgate.approval.access.domain.UserChangePolicy;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.refusal.RefusedException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AccessService#changeUser} through an in-memory store: whichever field other than the grants a manager
 * changes (or a new user they add), the change is refused with {@code SUPER_ADMIN_ONLY} and nothing is stored; a super
 * admin's same change is stored; a manager's grant change inside their scope is stored.
 */
class UserChangesTest {

    static final Scope PAYMENTS = new Scope("shop", "payments", "*");
    static final Permissions MANAGER = new Permissions("mia", List.of(new Grant(Role.MANAGER, PAYMENTS),
            new Grant(Role.IMAGE_APPROVER, PAYMENTS)));
    static final Permissions ADMIN = new Permissions("root", List.of(new Grant(Role.SUPER_ADMIN, Scope.everywhere())));
    static final User BOB = new User("bob", "bob@example.com", "Bob", true, List.of("dev"), List.of(), false);

    final InMemoryAccessStore store = new InMemoryAccessStore();
    final AccessService access = new AccessService(store, Clock.systemUTC());

    UserChangesTest() {
        access.saveUser(BOB);
    }

    /** One change of a field only a super admin may change. */
    enum FieldChange {
        EMAIL(u -> new User(u.id(), "bob@evil.example", u.displayName(), u.active(), u.groups(), u.grants(),
                u.serviceAccount())),
        NAME(u -> new User(u.id(), u.email(), "Robert", u.active(), u.groups(), u.grants(), u.serviceAccount())),
        ACTIVE(u -> new User(u.id(), u.email(), u.displayName(), !u.active(), u.groups(), u.grants(),
                u.serviceAccount())),
        GROUPS(u -> new User(u.id(), u.email(), u.displayName(), u.active(), List.of("dev", "admins"), u.grants(),
                u.serviceAccount())),
        SERVICE_ACCOUNT(u -> new User(u.id(), u.email(), u.displayName(), u.active(), u.groups(), u.grants(),
                !u.serviceAccount()));

        final UnaryOperator<User> change;

        FieldChange(UnaryOperator<User> change) {
            this.change = change;
        }
    }

    @Property(tries = 20)
    void only_a_super_admin_changes_what_is_not_a_grant(@ForAll FieldChange field, @ForAll boolean asAdmin) {
        access.saveUser(BOB); // jqwik keeps one instance for all tries of a property
        User wanted = field.change.apply(BOB);

        if (asAdmin) {
            assertThat(access.changeUser(ADMIN, "BOB", before -> wanted)).isEqualTo(wanted);
            assertThat(store.findUser("bob")).contains(wanted);
        } else {
            assertThatThrownBy(() -> access.changeUser(MANAGER, "BOB", before -> wanted))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.refusal().reason())
                            .isEqualTo(UserChangePolicy.SUPER_ADMIN_ONLY));
            assertThat(store.findUser("bob")).contains(BOB);
        }
    }

    @Test
    void a_manager_may_not_add_a_user_but_a_super_admin_may() {
        User carol = new User("carol", "carol@example.com", "Carol", true, List.of(), List.of(), false);

        assertThatThrownBy(() -> access.changeUser(MANAGER, "carol", before -> carol))
                .isInstanceOf(RefusedException.class);
        assertThat(store.findUser("carol")).isEmpty();
        assertThat(access.changeUser(ADMIN, "Carol", before -> carol)).isEqualTo(carol);
        assertThat(store.findUser("carol")).contains(carol);
    }

    @Test
    void a_manager_may_change_grants_inside_their_scope_and_the_proposal_sees_the_stored_user() {
        Grant approver = new Grant(Role.IMAGE_APPROVER, new Scope("shop", "payments", "prod"));
        User withGrant = new User("bob", BOB.email(), BOB.displayName(), true, BOB.groups(), List.of(approver), false);
        List<User> seen = new ArrayList<>();

        access.changeUser(MANAGER, "Bob", before -> {
            seen.add(before);
            return withGrant;
        });

        assertThat(seen).containsExactly(BOB);
        assertThat(store.findUser("bob")).contains(withGrant);
        assertThat(store.published).isNotEmpty();
    }
}
