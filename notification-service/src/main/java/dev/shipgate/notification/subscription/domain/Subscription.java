package dev.shipgate.notification.subscription.domain;

import dev.shipgate.contracts.identity.UserIds;

import java.util.List;

/**
 * Who wants which deployment emails of one pipeline: events are STARTED, SUCCEEDED, FAILED. The user id is kept in
 * its canonical form, so one person has one subscription per pipeline.
 */
public record Subscription(String pipelineId, String userId, List<DeploymentNotice> events) {

    public enum DeploymentNotice { STARTED, SUCCEEDED, FAILED }

    public Subscription {
        userId = UserIds.canonical(userId);
        events = List.copyOf(events);
    }
}
