package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;

/**
 * A scheduled deployment ("approve now, deploy later", issue 18) moved: SCHEDULED (stored, to start at
 * {@code runAt}), STARTED (its deployment {@code deploymentId} was requested) or VOIDED (it will never start;
 * {@code reason} says why).
 *
 * @param scheduleId  the schedule's id
 * @param requestedBy who scheduled it (canonical user id); for a schedule an approval made (AUTOMATIC pipeline whose
 *                    approval landed outside its window), that approval's requester
 * @param status      SCHEDULED, STARTED or VOIDED
 * @param reason      when VOIDED: APPROVAL_EXPIRED, CANCELLED, APPROVAL_USED, NEWER_DEPLOYMENT or REFUSED; else null
 * @param detail      words for people: why, by whom
 * @param runAt       when it starts (or was to start)
 * @param at          when it moved
 * @param deploymentId the deployment it started, when STARTED; else null
 */
public record DeploymentScheduleChanged(String scheduleId, PipelineImage image, String requestedBy, String status,
                                        String reason, String detail, Instant runAt, Instant at,
                                        String deploymentId) implements EventPayload {

    @Override
    public String subject() {
        return scheduleId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
