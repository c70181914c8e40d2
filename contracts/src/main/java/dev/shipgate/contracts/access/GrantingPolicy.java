package dev.shipgate.contracts.access;

import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.contracts.refusal.Refusal;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may change whose grants (design rule 13). The one place that decides it: every change of a user's or a group's
 * grants goes through here before it is stored.
 *
 * <ul>
 *   <li>A binding (role on scope) is given or taken only by a granter holding MANAGER (or SUPER_ADMIN) on a scope that
 *       <em>contains</em> the binding's scope <em>and</em> holding the role itself on a scope containing it
 *       ({@link Permissions#has}): "only roles at or below their own". MANAGER implies VIEW, BUILD_AND_DEPLOY and
 *       ADMIN, so those need nothing more; IMAGE_APPROVER is additive, so a MANAGER gives or takes it only where they
 *       are an image approver too. ADMIN and lower grant nothing. Removal follows the same rule, so a scoped manager
 *       cannot take a wider grant, nor an approver role they lack, from someone else.</li>
 *   <li>Only a super admin gives or takes SUPER_ADMIN.</li>
 *   <li>Nobody changes their own grants except a super admin.</li>
 *   <li>Groups (which can carry any grant, and whose members any change reaches) are changed by super admins only.</li>
 * </ul>
 */
public final class GrantingPolicy {

    /** Stable reason codes of a refusal (the {@code reason} of the 403 problem). */
    public enum Reason {
        /**
         * No MANAGER grant of the granter contains the binding's scope, or the granter does not hold the binding's
         * role on a scope containing it.
         */
        NOT_ALLOWED_TO_GRANT,
        /** A non-super-admin tried to change their own grants. */
        CANNOT_CHANGE_OWN_GRANTS,
        /** SUPER_ADMIN given or taken, or a group changed, by someone who is not a super admin. */
        SUPER_ADMIN_ONLY
    }

    private static final Comparator<Grant> STABLE_ORDER = Comparator.comparing((Grant g) -> g.role().name())
            .thenComparing(g -> g.scope().project()).thenComparing(g -> g.scope().application())
            .thenComparing(g -> g.scope().environment());

    private GrantingPolicy() {
    }

    /**
     * Whether {@code granter} may change the direct grants of user {@code subjectId} from {@code before} to
     * {@code after}; only the bindings that differ are judged.
     *
     * @return empty when allowed, else the first refusal (self-change first, then the changed bindings in a stable
     *         order, so the same request always gets the same reason)
     */
    public static Optional<Refusal> refusalOfUserChange(Permissions granter, String subjectId,
                                                       Collection<Grant> before, Collection<Grant> after) {
        List<Grant> changed = changed(before, after);
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        if (UserIds.same(granter.userId(), subjectId) && !granter.isSuperAdmin()) {
            return Optional.of(refusal(Reason.CANNOT_CHANGE_OWN_GRANTS, granter.userId()
                    + " may not change their own grants: another manager or a super admin must"));
        }
        return changed.stream().map(grant -> refusalOf(granter, grant)).flatMap(Optional::stream).findFirst();
    }

    /** Whether {@code granter} may create or change a permission group (its grants or description). */
    public static Optional<Refusal> refusalOfGroupChange(Permissions granter) {
        return granter.isSuperAdmin() ? Optional.empty() : Optional.of(refusal(Reason.SUPER_ADMIN_ONLY,
                "only a super admin can change groups"));
    }

    /** Whether {@code granter} may give or take this one binding (on someone else). */
    public static Optional<Refusal> refusalOf(Permissions granter, Grant binding) {
        if (binding.role() == Role.SUPER_ADMIN) {
            return granter.isSuperAdmin() ? Optional.empty() : Optional.of(refusal(Reason.SUPER_ADMIN_ONLY,
                    "only a super admin can grant or revoke " + Role.SUPER_ADMIN));
        }
        if (!granter.has(Role.MANAGER, binding.scope())) {
            return Optional.of(refusal(Reason.NOT_ALLOWED_TO_GRANT, granter.userId() + " may not grant or revoke "
                    + binding.role() + " on " + text(binding.scope()) + ": that needs " + Role.MANAGER
                    + " on a scope containing it"));
        }
        return granter.has(binding.role(), binding.scope()) ? Optional.empty() : Optional.of(refusal(
                Reason.NOT_ALLOWED_TO_GRANT, granter.userId() + " may not grant or revoke " + binding.role() + " on "
                + text(binding.scope()) + ": the granter must hold " + binding.role() + " on a scope containing it"));
    }

    /**
     * The scopes inside which {@code granter} may give roles: those of their MANAGER grants (everywhere for a super
     * admin), without one that another of them contains. Empty for whoever may grant nothing. These bound the ranked
     * roles VIEW..MANAGER only; IMAGE_APPROVER is grantable only where the granter also holds it (kept out of this
     * list on purpose: a UI offers it when {@link Permissions#has} says so, and {@link #refusalOf} decides).
     */
    public static List<Scope> grantableScopes(Permissions granter) {
        if (granter.isSuperAdmin()) {
            return List.of(Scope.everywhere());
        }
        List<Scope> managed = granter.grants().stream().filter(g -> g.role() == Role.MANAGER).map(Grant::scope)
                .distinct().toList();
        return managed.stream().filter(scope -> managed.stream().noneMatch(other -> !other.equals(scope)
                && other.contains(scope))).toList();
    }

    private static List<Grant> changed(Collection<Grant> before, Collection<Grant> after) {
        Set<Grant> added = new LinkedHashSet<>(after);
        added.removeAll(Set.copyOf(before));
        Set<Grant> removed = new LinkedHashSet<>(before);
        removed.removeAll(Set.copyOf(after));
        added.addAll(removed);
        return added.stream().sorted(STABLE_ORDER).toList();
    }

    /** Every refusal of this policy is a 403 with one of the {@link Reason} codes. */
    private static Refusal refusal(Reason reason, String detail) {
        return Refusal.forbidden(reason.name(), detail);
    }

    private static String text(Scope scope) {
        return scope.project() + " / " + scope.application() + " / " + scope.environment();
    }
}
