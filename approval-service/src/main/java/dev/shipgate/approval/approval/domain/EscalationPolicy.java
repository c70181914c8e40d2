package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.identity.UserIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who sees an escalated request (issue 19): once a pending request has waited its pipeline's time to escalation, the
 * members of the fallback group see it in their Approval pending list and may open it, as notification-service mails
 * them. Seeing is not voting: the vote still goes through {@link ApprovalRequest#checkVoter}, so a member without
 * approver rights on the scope sees no vote action and is refused one.
 *
 * <p>A request is seen this way while it is pending and not past {@code expiresAt}, by a person (not a service
 * account) in the group at the time of asking, who is not its requester (the escalation mail leaves them out too).
 * The pending list holds what {@link AwaitingVotePolicy#awaits} or {@link #seesEscalated} holds
 * ({@link #inPendingList}), one database filter ({@link #filterFor}, agreeing: {@code ListQueryAgreementProperties}).
 */
public final class EscalationPolicy {

    private EscalationPolicy() {
    }

    /**
     * What the escalated part of a pending list filters on: pending, not expired at {@code now}, not requested by
     * {@code viewer}, and in one of the windows.
     *
     * @param viewer  the actor's canonical id
     * @param windows where and since when requests are escalated to the actor's groups
     * @param now     the request must expire after it
     */
    public record EscalatedFilter(String viewer, List<Window> windows, Instant now) {
        public EscalatedFilter {
            windows = List.copyOf(windows);
        }
    }

    /**
     * Requests created at or before {@code createdBy} on {@code pipelines}; or, when {@code pipelines} is null, on
     * every pipeline but {@code except} (the default plan's pipelines).
     */
    public record Window(List<String> pipelines, List<String> except, Instant createdBy) {
    }

    /** Whether {@code actor} sees {@code stored} at {@code now} because it was escalated to one of their groups. */
    public static boolean seesEscalated(Actor actor, ApprovalRequest stored, Escalations escalations, Instant now) {
        if (actor.serviceAccount() || stored.status() != ApprovalStatus.PENDING || !stored.expiresAt().isAfter(now)
                || UserIds.same(actor.userId(), stored.requestedBy())) {
            return false;
        }
        return escalations.of(stored.image().pipelineId())
                .filter(plan -> actor.groups().contains(plan.group()))
                .filter(plan -> !stored.createdAt().plus(plan.after()).isAfter(now))
                .isPresent();
    }

    /**
     * The group {@code stored} was escalated to, when {@code actor} has it in their pending list only for that reason:
     * they see it escalated ({@link #seesEscalated}) and it does not await their vote ({@link AwaitingVotePolicy});
     * empty otherwise. What the UI's "Escalated to your group" badge shows.
     */
    public static Optional<String> escalatedTo(Actor actor, ApprovalRequest stored, Escalations escalations,
                                               Instant now) {
        if (!seesEscalated(actor, stored, escalations, now) || AwaitingVotePolicy.awaits(actor, stored, now)) {
            return Optional.empty();
        }
        return escalations.of(stored.image().pipelineId()).map(Escalations.Plan::group);
    }

    /** Whether {@code stored} is in {@code actor}'s Approval pending list at {@code now}. */
    public static boolean inPendingList(Actor actor, ApprovalRequest stored, Escalations escalations, Instant now) {
        return AwaitingVotePolicy.awaits(actor, stored, now) || seesEscalated(actor, stored, escalations, now);
    }

    /** The escalated part of {@code actor}'s pending list; empty when nothing is escalated to their groups. */
    public static Optional<EscalatedFilter> filterFor(Actor actor, Escalations escalations, Instant now) {
        if (actor.serviceAccount()) {
            return Optional.empty();
        }
        List<Window> windows = new ArrayList<>();
        for (Map.Entry<String, Escalations.Plan> own : escalations.pipelines().entrySet()) {
            if (escalations.of(own.getKey()).filter(plan -> actor.groups().contains(plan.group())).isPresent()) {
                windows.add(new Window(List.of(own.getKey()), List.of(), now.minus(own.getValue().after())));
            }
        }
        Escalations.Plan defaults = escalations.defaults();
        if (defaults.escalates() && actor.groups().contains(defaults.group())) {
            windows.add(new Window(null, List.copyOf(escalations.pipelines().keySet()), now.minus(defaults.after())));
        }
        return windows.isEmpty() ? Optional.empty()
                : Optional.of(new EscalatedFilter(UserIds.canonical(actor.userId()), windows, now));
    }
}
