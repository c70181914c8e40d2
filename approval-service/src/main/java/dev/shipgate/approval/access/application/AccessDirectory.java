package dev.shipgate.approval.access.application;

import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.approval.approval.domain.Actor;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Scope;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Who has which access, as the rest of approval-service asks it. */
public interface AccessDirectory {

    Optional<EffectiveAccess> find(String userId);

    List<EffectiveAccess> all();

    /** The acting user; an unknown or inactive user may do nothing. */
    default Actor actor(String userId) {
        return find(userId)
                .map(access -> new Actor(userId, access.user().groups(), access.permissions()))
                .orElseGet(() -> new Actor(userId, List.of(), Permissions.none(userId)));
    }

    /** Image approvers on the scope and super admins (the default approvers). */
    default Set<String> approversFor(Scope scope) {
        return all().stream()
                .filter(access -> access.permissions().canApproveImages(scope))
                .map(access -> access.user().id())
                .collect(Collectors.toSet());
    }
}
