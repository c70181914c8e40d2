package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes an event and waits for the broker's acknowledgement (acks=all, idempotent producer). */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    public void publish(EventEnvelope<?> event) {
        try {
            kafka.send(KafkaEventCodec.toRecord(event)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(event, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException(event, e);
        }
    }

    /** The broker did not take the event; the caller keeps it and tries again. */
    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(EventEnvelope<?> event, Throwable cause) {
            super("could not publish " + event.type() + " " + event.id(), cause);
        }
    }
}
