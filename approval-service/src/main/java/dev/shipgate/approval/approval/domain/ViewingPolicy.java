package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Scope;

/**
 * Who may see a pipeline, its images and its approval requests (DESIGN rule 13): whoever holds VIEW on its scope
 * (every ranked role implies it), and an image approver there, who must see what they are asked to approve even
 * without VIEW. Everyone else is told such a thing does not exist (404, never 403), so outsiders learn nothing.
 * The one place this is decided; lists apply it before paging, so a page is never short of visible items.
 */
public final class ViewingPolicy {

    private ViewingPolicy() {
    }

    /** Whether {@code actor} may see what lives on {@code scope}. */
    public static boolean maySee(Actor actor, Scope scope) {
        return actor.permissions().canView(scope) || actor.canApproveImages(scope);
    }
}
