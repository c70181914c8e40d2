package dev.shipgate.contracts.access;

import java.time.Instant;
import java.util.List;

/**
 * What a user may do, from all the grants in effect for them (direct and through groups). The one reading of the
 * roles that every service shares.
 */
public record Permissions(String userId, List<Grant> grants) {

    public Permissions {
        grants = List.copyOf(grants);
    }

    public static Permissions none(String userId) {
        return new Permissions(userId, List.of());
    }

    /** These permissions at {@code t}: only the grants that count then ({@link Grant#countsAt}, issue 18). */
    public Permissions at(Instant t) {
        return grants.stream().allMatch(grant -> grant.countsAt(t)) ? this
                : new Permissions(userId, grants.stream().filter(grant -> grant.countsAt(t)).toList());
    }

    /** Whether some grant gives {@code role} on the whole of {@code scope}: the question for acting and granting. */
    public boolean has(Role role, Scope scope) {
        return grants.stream().anyMatch(grant -> grant.gives(role, scope));
    }

    /**
     * Whether some grant gives {@code role} on at least one place inside {@code area} (e.g. "Build and Deploy on any
     * environment of payments"). Never enough to act on a particular place: use {@link #has} for that.
     */
    public boolean hasSomewhereIn(Role role, Scope area) {
        return grants.stream().anyMatch(grant -> grant.givesSomewhereIn(role, area));
    }

    public boolean isSuperAdmin() {
        return grants.stream().anyMatch(grant -> grant.role() == Role.SUPER_ADMIN);
    }

    public boolean canView(Scope scope) {
        return has(Role.VIEW, scope);
    }

    /** Request approval, deploy, roll back. */
    public boolean canBuildAndDeploy(Scope scope) {
        return has(Role.BUILD_AND_DEPLOY, scope);
    }

    /** Configure the application's pipelines; expire others' approvals. */
    public boolean canAdminister(Scope scope) {
        return has(Role.ADMIN, scope);
    }

    /** Image approvers on the scope, and super admins, who are the default approvers. */
    public boolean canApproveImages(Scope scope) {
        return has(Role.IMAGE_APPROVER, scope);
    }

    /**
     * Whether this user may give or take {@code role} on {@code scope} for someone else: a MANAGER grant containing
     * the scope and {@code role} itself held on a scope containing it, or SUPER_ADMIN (the only one who grants
     * SUPER_ADMIN). The whole rule, with one's own grants and
     * groups, is {@link GrantingPolicy}.
     */
    public boolean canGrant(Role role, Scope scope) {
        return GrantingPolicy.refusalOf(this, new Grant(role, scope)).isEmpty();
    }
}
