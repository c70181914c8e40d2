package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.approval.domain.RefusedAttempt;

import java.util.List;

/**
 * Refused commands on requests, kept apart from the requests: recording one is a single insert that publishes
 * nothing and leaves the request document (and its version) alone, so refusals never race the votes.
 */
public interface RefusedAttempts {

    void record(RefusedAttempt attempt);

    /** The newest {@code limit} refusals on this request, oldest first. */
    List<RefusedAttempt> forRequest(String requestId, int limit);
}
