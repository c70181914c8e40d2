package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Publishes events through Spring Cloud Stream ({@code StreamBridge}, one output binding per topic) and returns once
 * the broker has taken each one: the bindings are synchronous producers with acks=all and idempotence (see
 * {@link MessagingDefaults}).
 */
public class EventPublisher {

    /** Sends one message to a topic and returns once the broker took it; false or an exception when it did not. */
    @FunctionalInterface
    public interface Destinations {
        boolean send(String topic, Message<byte[]> message);
    }

    private final Destinations destinations;

    public EventPublisher(Destinations destinations) {
        this.destinations = destinations;
    }

    public void publish(EventEnvelope<?> event) {
        publishAll(List.of(event));
    }

    /** Sends the events in order, each once the one before was taken; throws at the first one not taken. */
    public void publishAll(List<? extends EventEnvelope<?>> events) {
        for (EventEnvelope<?> event : events) {
            ProducerRecord<String, byte[]> record = KafkaEventCodec.toRecord(event);
            boolean taken;
            try {
                taken = destinations.send(record.topic(), message(record));
            } catch (RuntimeException e) {
                throw new PublishFailedException(event, e);
            }
            if (!taken) {
                throw new PublishFailedException(event, null);
            }
        }
    }

    /**
     * The record as a message: the JSON body as it is, the key and every CloudEvents header as bytes (a String header
     * would be written as a JSON string, quoted, by the binder's header mapper).
     */
    static Message<byte[]> message(ProducerRecord<String, byte[]> record) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(record.value())
                .setHeader(KafkaHeaders.KEY, record.key() == null ? null
                        : record.key().getBytes(StandardCharsets.UTF_8));
        for (Header header : record.headers()) {
            message.setHeader(header.key(), header.value());
        }
        return message.build();
    }

    /** The broker did not take the event; the caller keeps it and tries again. */
    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(EventEnvelope<?> event, Throwable cause) {
            super("could not publish " + event.type() + " " + event.id(), cause);
        }
    }
}
