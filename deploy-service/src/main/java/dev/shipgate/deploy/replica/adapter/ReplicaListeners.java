package dev.shipgate.deploy.replica.adapter;

import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.replica.application.ImageReplica;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.messaging.Message;

/** Feeds the read-only replicas of access and images. */
class ReplicaListeners {

    private static final String ACCESS_CONSUMER = "deploy-service.access";
    private static final String IMAGES_CONSUMER = "deploy-service.images";

    private final EventConsumer consumer;
    private final AccessReplica access;
    private final ImageReplica images;

    ReplicaListeners(EventConsumer consumer, AccessReplica access, ImageReplica images) {
        this.consumer = consumer;
        this.access = access;
        this.images = images;
    }

    public void onAccess(Message<byte[]> message) {
        consumer.consume(ACCESS_CONSUMER, message, event -> {
            if (event.data() instanceof UserAccessChanged changed) {
                access.apply(changed);
            }
        });
    }

    public void onImage(Message<byte[]> message) {
        consumer.consume(IMAGES_CONSUMER, message, event -> {
            if (event.data() instanceof ImageBuilt built) {
                images.apply(built);
            }
        });
    }
}
