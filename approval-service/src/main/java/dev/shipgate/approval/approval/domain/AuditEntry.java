package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.events.Channel;

import java.time.Instant;

/**
 * One line of a request's history: who did what, when, with which comment, and through what ({@code via}: session,
 * API token, e-mail link, or the system; null on lines written before it was recorded). {@code deputyOf}: the
 * approver in whose place the actor was asked or voted (issue 19, "Delegation"), else null.
 */
public record AuditEntry(Instant at, String actor, String action, String comment, Channel via, String deputyOf) {

    public AuditEntry(Instant at, String actor, String action, String comment, Channel via) {
        this(at, actor, action, comment, via, null);
    }

    public AuditEntry(Instant at, String actor, String action, String comment) {
        this(at, actor, action, comment, null, null);
    }
}
