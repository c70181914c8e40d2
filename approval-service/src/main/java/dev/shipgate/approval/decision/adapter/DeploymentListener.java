package dev.shipgate.approval.decision.adapter;

import dev.shipgate.approval.audit.application.BreakGlassAudit;
import dev.shipgate.approval.decision.application.DeployDecisionService;
import dev.shipgate.approval.pipeline.application.ActiveImages;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.messaging.Message;

/**
 * Deploy requests to decide on, deployment progress to know which image is active where, and break-glass deployments
 * and their reviews for the audit (one consumer for the topic: each event is decoded once).
 */
class DeploymentListener {

    private static final String CONSUMER = "approval-service.deployments";

    private final EventConsumer consumer;
    private final DeployDecisionService decisions;
    private final ActiveImages activeImages;
    private final BreakGlassAudit breakGlass;

    public DeploymentListener(EventConsumer consumer, DeployDecisionService decisions, ActiveImages activeImages,
                              BreakGlassAudit breakGlass) {
        this.consumer = consumer;
        this.decisions = decisions;
        this.activeImages = activeImages;
        this.breakGlass = breakGlass;
    }

    /**
     * Deploy requests, deployments that became healthy, and break-glass; the other status changes do not matter
     * here.
     */
    private static boolean wanted(EventPayload payload) {
        return payload instanceof DeploymentRequested
                || payload instanceof DeploymentStatusChanged changed && "HEALTHY".equals(changed.status())
                || payload instanceof DeploymentBrokeGlass || payload instanceof BreakGlassReviewChanged;
    }

    public void on(Message<byte[]> message) {
        consumer.consume(CONSUMER, message, DeploymentListener::wanted, event -> {
            if (event.data() instanceof DeploymentRequested requested) {
                decisions.decide(requested);
            } else if (event.data() instanceof DeploymentStatusChanged changed) {
                activeImages.activate(changed.image(), changed.deploymentId(), changed.at());
            } else if (event.data() instanceof DeploymentBrokeGlass broke) {
                breakGlass.record(broke);
            } else if (event.data() instanceof BreakGlassReviewChanged review) {
                breakGlass.record(review);
            }
        });
    }
}
