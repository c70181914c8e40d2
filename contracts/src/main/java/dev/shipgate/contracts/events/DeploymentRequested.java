package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

/**
 * A user asked to deploy an image; approval-service decides (saga step one). {@code channel} says through what they
 * asked (session or API token); optional, null from producers that predate it.
 */
public record DeploymentRequested(String deploymentId, PipelineImage image, String requestedBy,
                                  String rollbackOf, Channel channel) implements EventPayload {

    public DeploymentRequested(String deploymentId, PipelineImage image, String requestedBy, String rollbackOf) {
        this(deploymentId, image, requestedBy, rollbackOf, null);
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
