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
}
