package dev.shipgate.approval.decision.adapter;

import dev.shipgate.approval.decision.application.DeployDecisionService;
import dev.shipgate.approval.pipeline.application.ActiveImages;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.messaging.Message;

/** Deploy requests to decide on, and deployment progress to know which image is active where. */
class DeploymentListener {

    private static final String CONSUMER = "approval-service.deployments";

    private final EventConsumer consumer;
    private final DeployDecisionService decisions;
    private final ActiveImages activeImages;

    public DeploymentListener(EventConsumer consumer, DeployDecisionService decisions, ActiveImages activeImages) {
        this.consumer = consumer;
        this.decisions = decisions;
        this.activeImages = activeImages;
    }

    /** Deploy requests, and deployments that became healthy; the other status changes do not matter here. */
    private static boolean wanted(EventPayload payload) {
        return payload instanceof DeploymentRequested
                || payload instanceof DeploymentStatusChanged changed && "HEALTHY".equals(changed.status());
    }

    public void on(Message<byte[]> message) {
        consumer.consume(CONSUMER, message, DeploymentListener::wanted, event -> {
            if (event.data() instanceof DeploymentRequested requested) {
                decisions.decide(requested);
            } else if (event.data() instanceof DeploymentStatusChanged changed) {
                activeImages.activate(changed.image(), changed.deploymentId(), changed.at());
            }
        });
    }
}
