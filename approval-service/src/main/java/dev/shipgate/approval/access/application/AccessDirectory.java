package dev.shipgate.approval.access.application;

import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.approval.access.domain.UserReferences;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.identity.UserIds;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Who has which access, as the rest of approval-service asks it. */
public interface AccessDirectory {

    Optional<EffectiveAccess> find(String userId);

    List<EffectiveAccess> all();

    /** The acting user, known by the canonical form of {@code userId}; an unknown or inactive user may do nothing. */
    default Actor actor(String userId) {
        String id = UserIds.canonical(userId);
        return find(id)
                .map(access -> {
                    Actor actor = new Actor(id, access.user().groups(), access.permissions());
                    return access.user().serviceAccount() ? actor.asServiceAccount() : actor;
                })
                .orElseGet(() -> new Actor(id, List.of(), Permissions.none(id)));
    }

    /**
     * The id of the user a reference from outside names (a builder, a named approver): see
     * {@link UserReferences#resolve} for the rule (canonical form; an e-mail address maps to its user).
     */
    default String resolve(String reference) {
        String canonical = UserIds.canonical(reference);
        if (canonical == null || !UserIds.isEmailAddress(canonical)) {
            return canonical; // the usual case: no need to list anyone
        }
        return UserReferences.resolve(canonical, users());
    }

    /** Every user as stored (active or not). */
    default List<User> users() {
        return all().stream().map(EffectiveAccess::user).toList();
    }

    /** Whether {@code userId} is a service account (automation such as CI); unknown users are not. */
    default boolean isServiceAccount(String userId) {
        return find(userId).map(access -> access.user().serviceAccount()).orElse(false);
    }

    /** Image approvers on the scope and super admins (the default approvers); never a service account. */
    default Set<String> approversFor(Scope scope) {
        return all().stream()
                .filter(access -> !access.user().serviceAccount())
                .filter(access -> access.permissions().canApproveImages(scope))
                .map(access -> access.user().id())
                .collect(Collectors.toSet());
    }
}
