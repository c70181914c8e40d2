package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.identity.UserIds;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which requests wait for someone's vote: their Approval pending list. A stored request waits for {@code actor} when
 * voting on it as stored would be accepted ({@link ApprovalRequest#approve}'s checks of the voter, DESIGN rules 3, 4
 * and 13): pending and not past {@code expiresAt}, of the pipeline's own application, neither requested nor built by
 * the actor, not voted on by them, on a scope where they are an image approver (a super admin everywhere), and the
 * actor is a person, not a service account.
 *
 * <p>Judged on the stored state, which the followers of policy and access changes keep current (a raised count
 * stores the approval as pending again); only expiry moves with the clock, and {@code now} covers it. So the list is
 * one database filter ({@link #filterFor}, agreeing with {@link #awaits}: {@code ListQueryAgreementProperties}),
 * and each item's view still shows its actions judged now.
 */
public final class AwaitingVotePolicy {

    private AwaitingVotePolicy() {
    }

    /**
     * What a list query filters on.
     *
     * @param voter   the actor's canonical id: not the requester, the builder nor a voter
     * @param reach   where the actor approves images
     * @param now     the request must expire after it
     */
    public record VoterFilter(String voter, Reach reach, Instant now) {
    }

    /** Whether the stored request waits for {@code actor}'s vote at {@code now}. */
    public static boolean awaits(Actor actor, ApprovalRequest stored, Instant now) {
        return stored.checkVoter(actor, now) == null;
    }

    /** The filter for {@code actor}'s pending list; empty when nothing can wait for them (nothing to read). */
    public static Optional<VoterFilter> filterFor(Actor actor, Instant now) {
        if (actor.serviceAccount()) {
            return Optional.empty();
        }
        Reach reach = actor.permissions().isSuperAdmin() ? new Reach(true, List.of())
                : new Reach(false, actor.permissions().grants().stream()
                .filter(grant -> grant.role().includes(Role.IMAGE_APPROVER)).map(Grant::scope).distinct().toList());
        return reach.isEmpty() ? Optional.empty()
                : Optional.of(new VoterFilter(UserIds.canonical(actor.userId()), reach, now));
    }
}
