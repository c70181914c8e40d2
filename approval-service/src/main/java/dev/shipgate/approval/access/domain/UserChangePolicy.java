package dev.shipgate.approval.access.domain;

import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.GrantingPolicy;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.refusal.Refusal;

import java.util.List;
import java.util.Optional;

/**
 * Who may put a user (design rule 13): the grants follow {@link GrantingPolicy} (a manager inside their scope, never on
 * themselves); everything else about a user (adding them, their address, name, groups, active flag, service-account
 * mark) only a super admin may change, since the address decides where approval mail goes, a group can carry any
 * grant, and a service account may name other people as builders and get tokens made for it.
 */
public final class UserChangePolicy {

    /** The reason code of a change only a super admin may make. */
    public static final String SUPER_ADMIN_ONLY = "SUPER_ADMIN_ONLY";

    private UserChangePolicy() {
    }

    /**
     * Why {@code changer} may not turn {@code before} into {@code after}, or empty when they may.
     *
     * @param before the user as stored, or null when {@code after} is a new user
     */
    public static Optional<Refusal> refusalOf(Permissions changer, User before, User after) {
        List<Grant> grantsBefore = before == null ? List.of() : before.grants();
        Optional<Refusal> grantRefusal = GrantingPolicy.refusalOfUserChange(changer, after.id(), grantsBefore,
                after.grants());
        if (grantRefusal.isPresent() || changer.isSuperAdmin() || !otherFieldsChanged(before, after)) {
            return grantRefusal;
        }
        return Optional.of(Refusal.forbidden(SUPER_ADMIN_ONLY, "only a super admin can add users, change their "
                + "address, name, group membership or service-account mark, or deactivate them"));
    }

    private static boolean otherFieldsChanged(User before, User after) {
        return before == null || !before.groups().equals(after.groups())
                || !before.serviceAccount().equals(after.serviceAccount())
                || before.active() != after.active() || !before.email().equals(after.email())
                || !before.displayName().equals(after.displayName());
    }
}
