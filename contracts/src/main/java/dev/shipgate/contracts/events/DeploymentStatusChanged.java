package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;

/**
 * A deployment moved on its timeline: REQUESTED, AUTHORIZED, REJECTED, PROGRESSING, HEALTHY, DEGRADED, FAILED,
 * TIMED_OUT or SUPERSEDED.
 */
public record DeploymentStatusChanged(String deploymentId, PipelineImage image, String requestedBy, String status,
                                      String detail, Instant at) implements EventPayload {

    @Override
    public String subject() {
        return deploymentId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
