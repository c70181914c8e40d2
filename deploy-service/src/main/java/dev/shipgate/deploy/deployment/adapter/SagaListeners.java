package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.messaging.Message;

/** approval-service's decisions (saga step two), and approvals that start AUTOMATIC pipelines. */
class SagaListeners {

    private static final String DECISIONS_CONSUMER = "deploy-service.decisions";
    private static final String APPROVALS_CONSUMER = "deploy-service.approvals";

    private final EventConsumer consumer;
    private final DeploymentService deployments;

    SagaListeners(EventConsumer consumer, DeploymentService deployments) {
        this.consumer = consumer;
        this.deployments = deployments;
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
        consumer.consume(APPROVALS_CONSUMER, message, ImageApproved.class::isInstance,
                event -> deployments.onImageApproved((ImageApproved) event.data()));
    }
}
