package dev.shipgate.approval.audit.application;

import java.time.Instant;
import java.util.Set;

/**
 * Filters of the audit; null fields do not filter.
 *
 * @param pipelineIds the pipelines the reader may see; null means every pipeline (a super admin)
 * @param pipelineId  one pipeline
 * @param user        the actor, canonical user id
 * @param requestId   one approval request
 * @param from        at or after (inclusive)
 * @param to          before (exclusive)
 */
public record AuditQuery(Set<String> pipelineIds, String pipelineId, String user, String requestId, Instant from,
                         Instant to) {

    /** The same filters, narrowed to the records strictly before {@code instant}. */
    AuditQuery before(Instant instant) {
        return new AuditQuery(pipelineIds, pipelineId, user, requestId, from,
                to == null || instant.isBefore(to) ? instant : to);
    }

    /** The same filters, narrowed to the records of {@code instant}'s millisecond. */
    AuditQuery within(Instant instant) {
        Instant end = instant.plusMillis(1);
        return new AuditQuery(pipelineIds, pipelineId, user, requestId,
                from == null || instant.isAfter(from) ? instant : from, to == null || end.isBefore(to) ? end : to);
    }
}
