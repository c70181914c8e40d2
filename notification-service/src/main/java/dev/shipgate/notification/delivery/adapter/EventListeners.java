package dev.shipgate.notification.delivery.adapter;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.notification.delivery.application.MessageComposer;
import dev.shipgate.notification.delivery.application.NotificationService;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.support.messaging.EventConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Approval and deployment events become email; access and pipeline events keep the address book and the pipelines'
 * scopes current.
 */
public class EventListeners {

    private static final String APPROVALS = "notification-service.approvals";
    private static final String DEPLOYMENTS = "notification-service.deployments";
    private static final String ACCESS = "notification-service.access";
    private static final String PIPELINES = "notification-service.pipelines";

    private final EventConsumer consumer;
    private final NotificationService notifications;
    private final Recipients recipients;
    private final PipelineScopes pipelines;

    public EventListeners(EventConsumer consumer, NotificationService notifications, Recipients recipients,
                          PipelineScopes pipelines) {
        this.consumer = consumer;
        this.notifications = notifications;
        this.recipients = recipients;
        this.pipelines = pipelines;
    }

    @KafkaListener(topics = Topics.APPROVALS, groupId = APPROVALS)
    public void onApproval(ConsumerRecord<String, byte[]> record) {
        consumer.consume(APPROVALS, record, MessageComposer::mayMail, notifications::handle);
    }

    @KafkaListener(topics = Topics.DEPLOYMENTS, groupId = DEPLOYMENTS)
    public void onDeployment(ConsumerRecord<String, byte[]> record) {
        consumer.consume(DEPLOYMENTS, record, MessageComposer::mayMail, notifications::handle);
    }

    @KafkaListener(topics = Topics.ACCESS, groupId = ACCESS)
    public void onAccess(ConsumerRecord<String, byte[]> record) {
        consumer.consume(ACCESS, record, event -> {
            if (event.data() instanceof UserAccessChanged changed) {
                recipients.apply(changed);
            }
        });
    }

    @KafkaListener(topics = Topics.PIPELINES, groupId = PIPELINES)
    public void onPipeline(ConsumerRecord<String, byte[]> record) {
        consumer.consume(PIPELINES, record, event -> {
            if (event.data() instanceof PipelineConfigured pipeline) {
                pipelines.apply(pipeline);
            }
        });
    }
}
