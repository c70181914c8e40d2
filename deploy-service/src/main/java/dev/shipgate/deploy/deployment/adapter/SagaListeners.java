package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.support.messaging.EventConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** approval-service's decisions (saga step two), and approvals that start AUTOMATIC pipelines. */
public class SagaListeners {

    private static final String DECISIONS_CONSUMER = "deploy-service.decisions";
    private static final String APPROVALS_CONSUMER = "deploy-service.approvals";

    private final EventConsumer consumer;
    private final DeploymentService deployments;

    public SagaListeners(EventConsumer consumer, DeploymentService deployments) {
        this.consumer = consumer;
        this.deployments = deployments;
    }

    @KafkaListener(topics = Topics.DEPLOY_DECISIONS, groupId = DECISIONS_CONSUMER)
    public void onDecision(ConsumerRecord<String, byte[]> record) {
        consumer.consume(DECISIONS_CONSUMER, record, event -> {
            if (event.data() instanceof DeploymentAuthorized authorized) {
                deployments.onAuthorized(authorized);
            } else if (event.data() instanceof DeploymentRejected rejected) {
                deployments.onRejected(rejected);
            }
        });
    }

    @KafkaListener(topics = Topics.APPROVALS, groupId = APPROVALS_CONSUMER)
    public void onApproval(ConsumerRecord<String, byte[]> record) {
        consumer.consume(APPROVALS_CONSUMER, record, ImageApproved.class::isInstance,
                event -> deployments.onImageApproved((ImageApproved) event.data()));
    }
}
