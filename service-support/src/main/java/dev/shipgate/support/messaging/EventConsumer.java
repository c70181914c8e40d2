package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.KafkaEventCodec;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one way a service reads an event: decode (an unreadable message throws, and the binding parks it on the
 * dead-letter topic), skip it when this consumer already applied it, apply it, remember it.
 */
public class EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final ProcessedEvents processed;
    private final PartitionOwnership ownership;

    /** A consumer that asks the database about every event it has not applied itself lately. */
    public EventConsumer(ProcessedEvents processed) {
        this(processed, null);
    }

    /** @param ownership which partitions this instance reads: events only it can have applied need no read */
    public EventConsumer(ProcessedEvents processed, PartitionOwnership ownership) {
        this.processed = processed;
        this.ownership = ownership;
    }

    /** An event as a Spring Cloud Stream binding delivers it: the raw JSON body and the record's headers. */
    public void consume(String consumerName, Message<byte[]> message, Consumer<EventEnvelope<EventPayload>> handler) {
        consume(consumerName, message, payload -> true, handler);
    }

    /**
     * As above, for a consumer that acts on some of a topic's events only: the others are still decoded (an unreadable
     * one is parked like any other) but cost no reads or writes of which events were applied.
     */
    public void consume(String consumerName, Message<byte[]> message, Predicate<EventPayload> wanted,
                        Consumer<EventEnvelope<EventPayload>> handler) {
        EventEnvelope<EventPayload> event = KafkaEventCodec.decode(kafkaHeaders(message), message.getPayload());
        if (!wanted.test(event.data())) {
            return;
        }
        if (processed.isProcessed(consumerName, event.id(), event.time(), readingSince(consumerName, message))) {
            log.debug("{} already applied event {}", consumerName, event.id());
            return;
        }
        handler.accept(event);
        processed.markProcessed(consumerName, event.id(), event.time());
    }

    /** Since when this instance has read the message's partition for the consumer (its group); empty if unknown. */
    private Optional<Instant> readingSince(String consumerName, Message<?> message) {
        Object topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        Object partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        if (ownership == null || !(topic instanceof String name) || !(partition instanceof Integer number)) {
            return Optional.empty();
        }
        return ownership.readingSince(consumerName, name, number);
    }

    /**
     * The message's headers as the record carried them. The binder hands over a header it has no type for as its raw
     * bytes; one a Spring producer wrote with a JSON type comes back as its value, taken here as text.
     */
    static Headers kafkaHeaders(Message<?> message) {
        Headers headers = new RecordHeaders();
        message.getHeaders().forEach((name, value) -> {
            if (value instanceof byte[] bytes) {
                headers.add(name, bytes);
            } else if (value instanceof String text) {
                headers.add(name, text.getBytes(StandardCharsets.UTF_8));
            }
        });
        return headers;
    }
}
