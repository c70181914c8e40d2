package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.KafkaEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one way a service reads an event: decode (an unreadable message throws and goes to the dead-letter topic),
 * skip it when this consumer already applied it, apply it, remember it.
 */
public class EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final ProcessedEvents processed;

    public EventConsumer(ProcessedEvents processed) {
        this.processed = processed;
    }

    public void consume(String consumerName, ConsumerRecord<?, byte[]> record,
                        Consumer<EventEnvelope<EventPayload>> handler) {
        consume(consumerName, record, payload -> true, handler);
    }

    /**
     * As above, for a consumer that acts on some of a topic's events only: the others are still decoded (an unreadable
     * one is parked like any other) but cost no reads or writes of which events were applied.
     */
    public void consume(String consumerName, ConsumerRecord<?, byte[]> record, Predicate<EventPayload> wanted,
                        Consumer<EventEnvelope<EventPayload>> handler) {
        EventEnvelope<EventPayload> event = KafkaEventCodec.fromRecord(record);
        if (!wanted.test(event.data())) {
            return;
        }
        if (processed.isProcessed(consumerName, event.id())) {
            log.debug("{} already applied event {}", consumerName, event.id());
            return;
        }
        handler.accept(event);
        processed.markProcessed(consumerName, event.id());
    }
}
