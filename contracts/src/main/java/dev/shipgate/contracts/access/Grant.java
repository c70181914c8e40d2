package dev.shipgate.contracts.access;

import dev.shipgate.contracts.events.RoleBinding;

import java.time.Instant;

/**
 * A role on a scope, held by a user directly or through a group.
 *
 * @param until when it stops counting (issue 18, time-boxed grants): it counts strictly before this instant and
 *              never from it on; null for no end. Whoever builds {@link Permissions} for a decision keeps only the
 *              grants that {@link #countsAt} the decision's time, so nobody has to act when it ends.
 */
public record Grant(Role role, Scope scope, Instant until) {

    /** A grant with no end. */
    public Grant(Role role, Scope scope) {
        this(role, scope, null);
    }

    public static Grant of(RoleBinding binding) {
        return new Grant(Role.valueOf(binding.role()),
                new Scope(binding.project(), binding.application(), binding.environment()), binding.until());
    }

    public RoleBinding toBinding() {
        return new RoleBinding(role.name(), scope.project(), scope.application(), scope.environment(), until);
    }

    /** Whether it counts at {@code t}: it has no end, or {@code t} is strictly before its end. */
    public boolean countsAt(Instant t) {
        return until == null || t.isBefore(until);
    }

    /** Whether it has ended by {@code t} (the opposite of {@link #countsAt}). */
    public boolean endedBy(Instant t) {
        return !countsAt(t);
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
