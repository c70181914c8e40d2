package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.refusal.Refusal;

import java.time.Instant;

/**
 * A command on a request that the rules refused (DESIGN rule 9: every refusal is audited): who tried what, when,
 * through what, and why. Kept beside the request, not in it, so a refusal leaves the request and its version as they
 * were and cannot slow or fail the votes that race it.
 *
 * @param action  what was tried: APPROVE, REJECT, CANCEL, EXPIRE or DEPLOY
 * @param reason  the refusal's code, e.g. REQUESTER_CANNOT_APPROVE
 */
public record RefusedAttempt(String requestId, Instant at, String actor, String action, String reason,
                             String message, Channel via) {

    public static RefusedAttempt of(String requestId, Actor actor, String action, Refusal refusal, Instant at) {
        return new RefusedAttempt(requestId, at, actor.userId(), action, refusal.reason(), refusal.detail(),
                actor.via());
    }
}
