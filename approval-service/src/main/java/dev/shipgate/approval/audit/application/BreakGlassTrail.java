package dev.shipgate.approval.audit.application;

import dev.shipgate.approval.audit.domain.AuditRecord;

/** Where the break-glass audit lines are kept ({@link BreakGlassAudit}); the audit reads them with the rest. */
public interface BreakGlassTrail {

    /** Keeps {@code line} under its key: keeping the same key again replaces it (a redelivered event). */
    void keep(AuditRecord line);
}
