package dev.shipgate.notification.webhook.adapter;

import dev.shipgate.notification.webhook.application.WebhookFanOut;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.messaging.Message;

/**
 * Approval and deployment events, read in consumer groups of their own (so a slow fan-out never holds mail back),
 * become webhook and chat deliveries. An unreadable event goes to the dead-letter topic, as everywhere.
 */
class WebhookEvents {

    private static final String APPROVALS = "notification-service.webhooks.approvals";
    private static final String DEPLOYMENTS = "notification-service.webhooks.deployments";

    private final EventConsumer consumer;
    private final WebhookFanOut fanOut;

    WebhookEvents(EventConsumer consumer, WebhookFanOut fanOut) {
        this.consumer = consumer;
        this.fanOut = fanOut;
    }

    void onApproval(Message<byte[]> message) {
        consumer.consume(APPROVALS, message, WebhookFanOut::concerns, fanOut::handle);
    }

    void onDeployment(Message<byte[]> message) {
        consumer.consume(DEPLOYMENTS, message, WebhookFanOut::concerns, fanOut::handle);
    }
}
