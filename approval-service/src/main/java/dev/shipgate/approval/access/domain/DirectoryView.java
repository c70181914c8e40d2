package dev.shipgate.approval.access.domain;

import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.GrantingPolicy;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.identity.UserIds;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which users a granter sees in the access directory (design rule 13: a manager administers their own scope). A
 * super admin sees everyone. A manager sees the users with a grant (their own, or a group's in effect) inside a scope
 * they may grant in ({@link GrantingPolicy#grantableScopes}), so the users of their scope; and, asked by the exact id,
 * any user, so they can give a first role there to someone their scope does not have yet. Whoever may grant nowhere
 * sees no one.
 */
public final class DirectoryView {

    private final Permissions granter;
    private final List<Scope> grantable;

    public DirectoryView(Permissions granter) {
        this.granter = granter;
        this.grantable = GrantingPolicy.grantableScopes(granter);
    }

    /**
     * @param search the text typed, or null for no search: it matches a part of the id, the name or the address,
     *               case-insensitively; the exact id (any spelling, {@link UserIds}) also finds a user outside the
     *               granter's scope
     */
    public boolean shows(EffectiveAccess user, String search) {
        boolean exactId = search != null && !search.isBlank()
                && UserIds.canonical(search.trim()).equals(user.user().id());
        return exactId && !grantable.isEmpty() || inScope(user) && matches(user.user(), search);
    }

    private boolean inScope(EffectiveAccess user) {
        // the user's own grants count too: an inactive user has none in effect, and is still theirs to manage
        return granter.isSuperAdmin() || Stream.concat(user.grants().stream(), user.user().grants().stream())
                .map(Grant::scope).anyMatch(scope -> grantable.stream().anyMatch(mine -> mine.contains(scope)));
    }

    private static boolean matches(User user, String search) {
        if (search == null || search.isBlank()) {
            return true;
        }
        String wanted = search.trim().toLowerCase(Locale.ROOT);
        return List.of(user.id(), user.displayName(), user.email()).stream()
                .anyMatch(field -> field != null && field.toLowerCase(Locale.ROOT).contains(wanted));
    }
}
