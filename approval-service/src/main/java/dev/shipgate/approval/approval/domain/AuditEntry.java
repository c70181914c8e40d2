package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.events.Channel;

import java.time.Instant;

/**
 * One line of a request's history: who did what, when, with which comment, and through what ({@code via}: session,
 * API token, e-mail link, or the system; null on lines written before it was recorded).
 */
public record AuditEntry(Instant at, String actor, String action, String comment, Channel via) {

    public AuditEntry(Instant at, String actor, String action, String comment) {
        this(at, actor, action, comment, null);
    }
}
