package dev.shipgate.deploy.replica.adapter;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.replica.application.ImageReplica;
import dev.shipgate.support.messaging.EventConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Feeds the read-only replicas of access and images. */
public class ReplicaListeners {

    private static final String ACCESS_CONSUMER = "deploy-service.access";
    private static final String IMAGES_CONSUMER = "deploy-service.images";

    private final EventConsumer consumer;
    private final AccessReplica access;
    private final ImageReplica images;

    public ReplicaListeners(EventConsumer consumer, AccessReplica access, ImageReplica images) {
        this.consumer = consumer;
        this.access = access;
        this.images = images;
    }

    @KafkaListener(topics = Topics.ACCESS, groupId = ACCESS_CONSUMER)
    public void onAccess(ConsumerRecord<String, byte[]> record) {
        consumer.consume(ACCESS_CONSUMER, record, event -> {
            if (event.data() instanceof UserAccessChanged changed) {
                access.apply(changed);
            }
        });
    }

    @KafkaListener(topics = Topics.IMAGES, groupId = IMAGES_CONSUMER)
    public void onImage(ConsumerRecord<String, byte[]> record) {
        consumer.consume(IMAGES_CONSUMER, record, event -> {
            if (event.data() instanceof ImageBuilt built) {
                images.apply(built);
            }
        });
    }
}
