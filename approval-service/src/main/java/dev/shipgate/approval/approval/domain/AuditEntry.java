package dev.shipgate.approval.approval.domain;

import java.time.Instant;

/** One line of a request's history: who did what, when, with which comment. */
public record AuditEntry(Instant at, String actor, String action, String comment) {
}
