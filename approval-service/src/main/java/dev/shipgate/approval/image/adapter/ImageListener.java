package dev.shipgate.approval.image.adapter;

import dev.shipgate.approval.image.application.ImageIntake;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.support.messaging.EventConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Images from CI systems that publish to Kafka. */
public class ImageListener {

    private static final String CONSUMER = "approval-service.images";

    private final EventConsumer consumer;
    private final ImageIntake intake;

    public ImageListener(EventConsumer consumer, ImageIntake intake) {
        this.consumer = consumer;
        this.intake = intake;
    }

    @KafkaListener(topics = Topics.IMAGES, groupId = CONSUMER)
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(CONSUMER, record, event -> {
            if (event.data() instanceof ImageBuilt built) {
                intake.accept(built);
            }
        });
    }
}
