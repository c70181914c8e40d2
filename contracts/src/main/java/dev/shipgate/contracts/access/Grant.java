package dev.shipgate.contracts.access;

import dev.shipgate.contracts.events.RoleBinding;

/** A role on a scope, held by a user directly or through a group. */
public record Grant(Role role, Scope scope) {

    public static Grant of(RoleBinding binding) {
        return new Grant(Role.valueOf(binding.role()),
                new Scope(binding.project(), binding.application(), binding.environment()));
    }

    public RoleBinding toBinding() {
        return new RoleBinding(role.name(), scope.project(), scope.application(), scope.environment());
    }

    /** Whether this grant gives {@code wanted} on every place of {@code target} (containment). */
    public boolean gives(Role wanted, Scope target) {
        return role.includes(wanted) && (role == Role.SUPER_ADMIN || scope.contains(target));
    }

    /** Whether this grant gives {@code wanted} on at least one place of {@code area} (overlap). */
    public boolean givesSomewhereIn(Role wanted, Scope area) {
        return role.includes(wanted) && (role == Role.SUPER_ADMIN || scope.overlaps(area));
    }
}
