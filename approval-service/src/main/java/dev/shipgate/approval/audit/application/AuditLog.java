package dev.shipgate.approval.audit.application;

import dev.shipgate.approval.audit.domain.AuditRecord;

import dev.shipgate.contracts.access.Scope;

import java.util.List;
import java.util.Map;

/** Where audited actions and refusals are read from. */
public interface AuditLog {

    /** The newest {@code limit} records that match, newest first ({@link AuditRecord#NEWEST_FIRST}). */
    List<AuditRecord> newest(AuditQuery query, int limit);

    /** How many records match, counted by the database. */
    long count(AuditQuery query);

    /** Every pipeline's scope by id, deleted ones included: whose records a reader may see. */
    Map<String, Scope> pipelineScopes();
}
