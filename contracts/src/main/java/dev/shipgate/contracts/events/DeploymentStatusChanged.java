package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;
import java.util.List;

/**
 * A deployment moved on its timeline: REQUESTED, AUTHORIZED, REJECTED, PROGRESSING, HEALTHY, DEGRADED, FAILED,
 * TIMED_OUT or SUPERSEDED.
 *
 * @param approvalRequestId the approval request the deployment uses (optional, added in 1.1): set once it is
 *                          AUTHORIZED with an approval, and from REQUESTED on for a deployment an approval started
 *                          (AUTOMATIC trigger); null when none is known or the pipeline needs none
 * @param approvedBy        who approved that request, canonical user ids (optional, added in 1.1); empty when none
 */
public record DeploymentStatusChanged(String deploymentId, PipelineImage image, String requestedBy, String status,
                                      String detail, Instant at, String approvalRequestId,
                                      List<String> approvedBy) implements EventPayload {

    public DeploymentStatusChanged {
        approvedBy = approvedBy == null ? List.of() : List.copyOf(approvedBy);
    }

    /** An event that names no approval (as version 1.0 producers wrote it). */
    public DeploymentStatusChanged(String deploymentId, PipelineImage image, String requestedBy, String status,
                                   String detail, Instant at) {
        this(deploymentId, image, requestedBy, status, detail, at, null, List.of());
    }

    @Override
    public String subject() {
        return deploymentId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
