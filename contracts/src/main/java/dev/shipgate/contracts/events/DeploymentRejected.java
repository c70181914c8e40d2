package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

/** approval-service refused the deployment: {@code reason} is a stable code, {@code message} says it in words. */
public record DeploymentRejected(String deploymentId, PipelineImage image, String requestedBy, String reason,
                                 String message) implements EventPayload {

    @Override
    public String subject() {
        return deploymentId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
