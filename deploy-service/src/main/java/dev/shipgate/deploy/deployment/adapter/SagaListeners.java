package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.support.messaging.EventConsumer;
import dev.shipgate.support.messaging.EventFollower;
import org.springframework.messaging.Message;

import java.util.List;

/** approval-service's decisions (saga step two), and approvals that start AUTOMATIC pipelines. */
class SagaListeners {

    private static final String DECISIONS_CONSUMER = "deploy-service.decisions";
    private static final String APPROVALS_CONSUMER = "deploy-service.approvals";

    private final EventConsumer consumer;
    private final DeploymentService deployments;
    private final List<EventFollower> followers;

    SagaListeners(EventConsumer consumer, DeploymentService deployments, List<EventFollower> followers) {
        this.consumer = consumer;
        this.deployments = deployments;
        this.followers = List.copyOf(followers);
    }

    public void onDecision(Message<byte[]> message) {
        consumer.consume(DECISIONS_CONSUMER, message, event -> {
            if (event.data() instanceof DeploymentAuthorized authorized) {
                deployments.onAuthorized(authorized);
            } else if (event.data() instanceof DeploymentRejected rejected) {
                deployments.onRejected(rejected);
            }
        });
    }

    public void onApproval(Message<byte[]> message) {
        consumer.consume(APPROVALS_CONSUMER, message, data -> data instanceof ImageApproved
                || followers.stream().anyMatch(follower -> follower.follows(data)), this::onApproval);
    }

    private void onApproval(EventEnvelope<? extends EventPayload> event) {
        if (event.data() instanceof ImageApproved approved) {
            deployments.onImageApproved(approved);
        }
        followers.stream().filter(follower -> follower.follows(event.data()))
                .forEach(follower -> follower.follow(event));
    }
}
