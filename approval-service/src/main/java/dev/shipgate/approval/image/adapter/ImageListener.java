package dev.shipgate.approval.image.adapter;

import dev.shipgate.approval.image.application.ImageIntake;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.messaging.Message;

/** Images from CI systems that publish to Kafka. */
class ImageListener {

    private static final String CONSUMER = "approval-service.images";

    private final EventConsumer consumer;
    private final ImageIntake intake;

    public ImageListener(EventConsumer consumer, ImageIntake intake) {
        this.consumer = consumer;
        this.intake = intake;
    }

    public void on(Message<byte[]> message) {
        consumer.consume(CONSUMER, message, event -> {
            if (event.data() instanceof ImageBuilt built) {
                intake.accept(built);
            }
        });
    }
}
