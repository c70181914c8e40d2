package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;

import java.util.Collection;
import java.util.List;

/**
 * Whom a request naming nobody asks (issue 19): the eligible approvers holding an image approver grant that contains
 * the pipeline's scope (a grant naming its project, application or environment, or all of them); the super admins,
 * who may approve anything, only when none of those can approve it. Asking is not eligibility: whoever is eligible
 * may still vote ({@link ApprovalRequest#open} names the eligible).
 */
public final class DefaultRecipients {

    private DefaultRecipients() {
    }

    /**
     * @param eligible who may approve this image (already without the requester, builder and service accounts),
     *                 with the grants that count now
     * @return their ids, sorted: the image approvers of the scope, or every eligible person when there is none
     */
    public static List<String> among(Collection<Actor> eligible, Scope scope) {
        List<String> approvers = eligible.stream().filter(actor -> namesScope(actor, scope)).map(Actor::userId)
                .sorted().toList();
        return approvers.isEmpty() ? eligible.stream().map(Actor::userId).sorted().toList() : approvers;
    }

    /** Whether one of the actor's own image approver grants (not the super admin role) contains {@code scope}. */
    public static boolean namesScope(Actor actor, Scope scope) {
        return actor.permissions().grants().stream()
                .anyMatch(grant -> grant.role() == Role.IMAGE_APPROVER && grant.scope().contains(scope));
    }
}
