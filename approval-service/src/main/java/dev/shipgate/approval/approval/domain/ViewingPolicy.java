package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;

import java.util.List;

/**
 * Who may see a pipeline, its images and its approval requests (DESIGN rule 13): whoever holds VIEW on its scope
 * (every ranked role implies it), and an image approver there, who must see what they are asked to approve even
 * without VIEW. Everyone else is told such a thing does not exist (404, never 403), so outsiders learn nothing.
 * The one place this is decided: {@link #maySee} for one item, {@link #reach} for the database filter of the lists
 * (the two agree: {@code ListQueryAgreementProperties}), which filter before paging, so a page is never short.
 */
public final class ViewingPolicy {

    private ViewingPolicy() {
    }

    /** Whether {@code actor} may see what lives on {@code scope}. */
    public static boolean maySee(Actor actor, Scope scope) {
        return actor.permissions().canView(scope) || actor.canApproveImages(scope);
    }

    /** Where {@code actor} may see: {@code reach(actor).contains(scope) == maySee(actor, scope)} for every scope. */
    public static Reach reach(Actor actor) {
        if (actor.permissions().isSuperAdmin()) {
            return new Reach(true, List.of());
        }
        return new Reach(false, actor.permissions().grants().stream()
                .filter(grant -> grant.role().includes(Role.VIEW) || approves(actor, grant))
                .map(Grant::scope).distinct().toList());
    }

    private static boolean approves(Actor actor, Grant grant) {
        return !actor.serviceAccount() && grant.role().includes(Role.IMAGE_APPROVER);
    }
}
