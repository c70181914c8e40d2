package dev.shipgate.notification.delivery.adapter;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.notification.delivery.application.MessageComposer;
import dev.shipgate.notification.delivery.application.NotificationService;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.support.messaging.EventConsumer;
import dev.shipgate.support.messaging.EventFollower;
import org.springframework.messaging.Message;

import java.util.List;

/**
 * Approval and deployment events become email; access and pipeline events keep the address book and the pipelines'
 * scopes current.
 */
class EventListeners {

    private static final String APPROVALS = "notification-service.approvals";
    private static final String DEPLOYMENTS = "notification-service.deployments";
    private static final String ACCESS = "notification-service.access";
    private static final String PIPELINES = "notification-service.pipelines";

    private final EventConsumer consumer;
    private final NotificationService notifications;
    private final Recipients recipients;
    private final PipelineScopes pipelines;
    private final List<EventFollower> followers;

    EventListeners(EventConsumer consumer, NotificationService notifications, Recipients recipients,
                   PipelineScopes pipelines, List<EventFollower> followers) {
        this.consumer = consumer;
        this.notifications = notifications;
        this.recipients = recipients;
        this.pipelines = pipelines;
        this.followers = List.copyOf(followers);
    }

    public void onApproval(Message<byte[]> message) {
        consumer.consume(APPROVALS, message, this::concerns, this::handle);
    }

    public void onDeployment(Message<byte[]> message) {
        consumer.consume(DEPLOYMENTS, message, this::concerns, this::handle);
    }

    private boolean concerns(EventPayload data) {
        return MessageComposer.mayMail(data) || followers.stream().anyMatch(follower -> follower.follows(data));
    }

    /** The followers first: a reminder must know of a request before its mail can fail. */
    private void handle(EventEnvelope<? extends EventPayload> event) {
        followers.stream().filter(follower -> follower.follows(event.data()))
                .forEach(follower -> follower.follow(event));
        if (MessageComposer.mayMail(event.data())) {
            notifications.handle(event);
        }
    }

    public void onAccess(Message<byte[]> message) {
        consumer.consume(ACCESS, message, event -> {
            if (event.data() instanceof UserAccessChanged changed) {
                recipients.apply(changed);
            }
        });
    }

    public void onPipeline(Message<byte[]> message) {
        consumer.consume(PIPELINES, message, event -> {
            if (event.data() instanceof PipelineConfigured pipeline) {
                pipelines.apply(pipeline);
            }
        });
    }
}
