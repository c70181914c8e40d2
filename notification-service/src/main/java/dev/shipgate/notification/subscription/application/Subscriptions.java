package dev.shipgate.notification.subscription.application;

import dev.shipgate.notification.subscription.domain.Subscription;
import dev.shipgate.notification.subscription.domain.Subscription.DeploymentNotice;

import java.util.List;

public interface Subscriptions {

    void save(Subscription subscription);

    void remove(String pipelineId, String userId);

    List<Subscription> forPipeline(String pipelineId);

    default List<String> subscribers(String pipelineId, DeploymentNotice notice) {
        return forPipeline(pipelineId).stream().filter(s -> s.events().contains(notice))
                .map(Subscription::userId).toList();
    }
}
