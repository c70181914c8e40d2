package dev.shipgate.approval.access;

import dev.shipgate.approval.access.domain.DirectoryView;
import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.GrantingPolicy;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access directory a granter sees ({@link DirectoryView}), against {@link GrantingPolicy} on generated states: a
 * manager sees every user on whom they may change a role, and no user whose roles all lie outside their MANAGER
 * grants; the exact id finds anyone for a manager, and no one for whoever manages nothing.
 */
class DirectoryViewTest {

    @Provide
    Arbitrary<AccessModel> states() {
        return AccessArbitraries.startingStates();
    }

    @Property(tries = 300)
    void aManagerSeesEveryUserTheyMayChangeARoleOn(@ForAll("states") AccessModel model) {
        for (String granter : model.nonSuperAdmins()) {
            Permissions permissions = model.permissionsOf(granter);
            DirectoryView view = new DirectoryView(permissions);
            for (User user : model.users()) {
                boolean changeable = user.grants().stream()
                        .anyMatch(grant -> GrantingPolicy.refusalOf(permissions, grant).isEmpty());
                if (changeable) {
                    assertThat(view.shows(effective(model, user), null)).as("%s sees %s", granter, user.id())
                            .isTrue();
                }
            }
        }
    }

    @Property(tries = 300)
    void noUserWhoseRolesLieOutsideTheManagersScopesIsListed(@ForAll("states") AccessModel model) {
        for (String granter : model.nonSuperAdmins()) {
            Permissions permissions = model.permissionsOf(granter);
            List<Grant> managed = permissions.grants().stream().filter(g -> g.role() == Role.MANAGER).toList();
            DirectoryView view = new DirectoryView(permissions);
            for (User user : model.users()) {
                EffectiveAccess access = effective(model, user);
                boolean inside = java.util.stream.Stream.concat(access.grants().stream(), user.grants().stream())
                        .anyMatch(grant -> managed.stream().anyMatch(m -> m.scope().contains(grant.scope())));
                assertThat(view.shows(access, null)).as("%s sees %s", granter, user.id()).isEqualTo(inside);
                assertThat(view.shows(access, user.id().toUpperCase())).as("%s finds %s by id", granter, user.id())
                        .isEqualTo(!managed.isEmpty());
            }
        }
    }

    private static EffectiveAccess effective(AccessModel model, User user) {
        return EffectiveAccess.of(user, model.groups());
    }
}
