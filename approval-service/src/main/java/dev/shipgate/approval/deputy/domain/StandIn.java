package dev.shipgate.approval.deputy.domain;

import java.time.Instant;

/**
 * On one request, {@code deputy} was asked in place of {@code approver}, whose period ends at {@code until}. Votes
 * the deputy gives before then are recorded as "deputy of {@code approver}"; the deputy votes with their own rights.
 */
public record StandIn(String approver, String deputy, Instant until) {
}
