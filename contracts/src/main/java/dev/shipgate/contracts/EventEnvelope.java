package dev.shipgate.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as it travels: CloudEvents 1.0 attributes plus the typed payload. On Kafka the attributes are headers
 * (binary content mode) and the payload is the JSON body, see {@link KafkaEventCodec}.
 *
 * @param id            unique per event; consumers use it to apply an event once
 * @param type          past-tense event type, e.g. {@code ApprovalRequested}
 * @param source        the producing service, e.g. {@code /shipgate/approval-service}
 * @param time          when it happened
 * @param subject       what it is about
 * @param schemaVersion version of the payload's JSON Schema
 * @param traceparent   W3C trace context of the operation that caused it; may be null
 * @param data          the payload
 */
public record EventEnvelope<T extends EventPayload>(
        String id,
        String type,
        String source,
        Instant time,
        String subject,
        int schemaVersion,
        String traceparent,
        T data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** A new event about {@code data}, with a fresh id. */
    public static <T extends EventPayload> EventEnvelope<T> of(String source, Instant time, String traceparent,
                                                             T data) {
        EventType type = EventType.of(data.getClass());
        return new EventEnvelope<>(UUID.randomUUID().toString(), type.typeName(), source, time, data.subject(),
                type.schemaVersion(), traceparent, data);
    }

    public String partitionKey() {
        return data.partitionKey();
    }

    public EventType eventType() {
        return EventType.named(type);
    }
}
