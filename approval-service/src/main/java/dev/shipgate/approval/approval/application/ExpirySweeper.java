package dev.shipgate.approval.approval.application;

import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.approval.approval.domain.ApprovalRequest;

import java.time.Clock;

/**
 * Expires pending requests and unused approvals whose lifetime has ended. The embedded MongoDB-compatible server
 * enforces no TTL index, and a TTL delete would publish no event anyway, so the service does it itself. A deploy
 * racing the sweep is settled by the request's version: one of the two wins.
 */
public class ExpirySweeper {

    private final ApprovalRequests requests;
    private final RequestUpdater updater;
    private final Clock clock;

    public ExpirySweeper(ApprovalRequests requests, Clock clock) {
        this.requests = requests;
        this.updater = new RequestUpdater(requests);
        this.clock = clock;
    }

    /** Returns how many requests it looked at. */
    public int sweep() {
        var overdue = requests.overdue(clock.instant(), 200);
        for (ApprovalRequest request : overdue) {
            try {
                updater.apply(request.id(), current -> current.expireIfOverdue(clock.instant()));
            } catch (RefusedException ignored) {
                // it changed meanwhile (consumed or closed): nothing to expire
            }
        }
        return overdue.size();
    }
}
