package dev.shipgate.notification.subscription.domain;

import java.util.List;

/** Who wants which deployment emails of one pipeline: events are STARTED, SUCCEEDED, FAILED. */
public record Subscription(String pipelineId, String userId, List<DeploymentNotice> events) {

    public enum DeploymentNotice { STARTED, SUCCEEDED, FAILED }

    public Subscription {
        events = List.copyOf(events);
    }
}
