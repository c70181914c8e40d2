package dev.shipgate.approval.approval.application;

import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.approval.approval.domain.ApprovalRefusal;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.Outcome;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Optimistic concurrency on one request: read, decide, write if unchanged, else read again and decide again. Fifty
 * approvers voting at once all get their vote in, and the request turns APPROVED exactly once.
 */
public class RequestUpdater {

    private static final int MAX_ATTEMPTS = 200;

    private final ApprovalRequests requests;

    public RequestUpdater(ApprovalRequests requests) {
        this.requests = requests;
    }

    /**
     * As above, deciding first on {@code known}, a version the caller just read, which saves reading it again. Only a
     * write settles on it (the stored version must still be that one); a refusal or a change without events is
     * decided again on the stored version.
     */
    public ApprovalRequest apply(ApprovalRequest known, Function<ApprovalRequest, Outcome> command) {
        Outcome outcome = command.apply(known);
        if (outcome instanceof Outcome.Accepted accepted && !accepted.events().isEmpty()
                && requests.update(accepted.request(), accepted.events())) {
            return accepted.request();
        }
        return apply(known.id(), command);
    }

    public ApprovalRequest apply(String requestId, Function<ApprovalRequest, Outcome> command) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ApprovalRequest current = requests.find(requestId).orElseThrow(() -> new RefusedException(
                    ApprovalRefusal.UNKNOWN_REQUEST.because("no approval request " + requestId)));
            Outcome outcome = command.apply(current);
            if (outcome instanceof Outcome.Refused refused) {
                throw new RefusedException(refused.refusal());
            }
            var accepted = (Outcome.Accepted) outcome;
            if (accepted.events().isEmpty() || requests.update(accepted.request(), accepted.events())) {
                return accepted.request();
            }
            backOff(attempt);
        }
        throw new IllegalStateException("request " + requestId + " changed " + MAX_ATTEMPTS + " times under us");
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2 + Math.min(attempt, 20)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
