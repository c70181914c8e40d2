package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

/** A user asked to deploy an image; approval-service decides (saga step one). */
public record DeploymentRequested(String deploymentId, PipelineImage image, String requestedBy,
                                  String rollbackOf) implements EventPayload {

    @Override
    public String subject() {
        return deploymentId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
