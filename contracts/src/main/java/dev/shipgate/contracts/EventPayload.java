package dev.shipgate.contracts;

/** The data of an event. Each implementation is one event type with one JSON Schema. */
public interface EventPayload {

    /** What the event is about (CloudEvents {@code subject}), e.g. an approval request id. */
    String subject();

    /** The Kafka key: events with the same key stay in order. */
    String partitionKey();
}
