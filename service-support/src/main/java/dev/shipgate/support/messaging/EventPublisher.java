package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        publishAll(List.of(event));
    }

    /**
     * Sends the events without waiting between them (the idempotent producer keeps their order), then waits until
     * the broker has taken every one; throws if any was not taken.
     */
    public void publishAll(List<? extends EventEnvelope<?>> events) {
        List<CompletableFuture<?>> sent = events.stream()
                .<CompletableFuture<?>>map(event -> kafka.send(KafkaEventCodec.toRecord(event)))
                .toList();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException(events.get(i), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new PublishFailedException(events.get(i), e);
            }
        }
    }

    /** The broker did not take the event; the caller keeps it and tries again. */
    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(EventEnvelope<?> event, Throwable cause) {
            super("could not publish " + event.type() + " " + event.id(), cause);
        }
    }
}
