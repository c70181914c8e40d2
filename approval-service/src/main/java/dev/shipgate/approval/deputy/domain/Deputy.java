package dev.shipgate.approval.deputy.domain;

import dev.shipgate.contracts.identity.UserIds;

import java.time.Instant;

/**
 * An approver's deputy for a period (out of office): from {@code from} (inclusive) to {@code until} (exclusive),
 * requests that would ask {@code approver} ask {@code deputy} instead ({@link DeputyRules}). Ids are canonical.
 *
 * @param setBy who named the deputy: the approver themself or a super admin
 */
public record Deputy(String approver, String deputy, Instant from, Instant until, String setBy, Instant setAt) {

    public Deputy {
        approver = UserIds.canonical(approver);
        deputy = UserIds.canonical(deputy);
        setBy = UserIds.canonical(setBy);
    }

    /** Whether the period covers {@code t}: from {@code from} on, strictly before {@code until}. */
    public boolean inForceAt(Instant t) {
        return !t.isBefore(from) && t.isBefore(until);
    }
}
