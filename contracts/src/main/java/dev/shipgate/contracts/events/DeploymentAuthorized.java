package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.util.List;

/** approval-service allowed the deployment and consumed the approval it used (null when none was required). */
public record DeploymentAuthorized(String deploymentId, PipelineImage image, String requestedBy,
                                   String approvalRequestId, List<String> approvedBy) implements EventPayload {

    @Override
    public String subject() {
        return deploymentId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
