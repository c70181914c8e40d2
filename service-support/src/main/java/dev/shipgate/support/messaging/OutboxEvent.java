package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventType;
import dev.shipgate.contracts.KafkaEventCodec;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/**
 * An event waiting in an aggregate's {@code outbox} array. It is written in the same single-document update as the
 * state change that caused it, so the two cannot part; {@link OutboxRelay} publishes it afterwards.
 */
public record OutboxEvent(String id, String type, String source, Instant time, String subject, int schemaVersion,
                          String traceparent, String payload) {

    public static OutboxEvent of(EventEnvelope<?> event) {
        return new OutboxEvent(event.id(), event.type(), event.source(), event.time(), event.subject(),
                event.schemaVersion(), event.traceparent(),
                new String(KafkaEventCodec.payloadBytes(event.data()), StandardCharsets.UTF_8));
    }

    public EventEnvelope<?> toEnvelope() {
        EventType eventType = EventType.named(type);
        var data = KafkaEventCodec.json().readValue(payload, eventType.payloadType());
        return new EventEnvelope<>(id, type, source, time, subject, schemaVersion, traceparent, data);
    }

    public Document toDocument() {
        return new Document("id", id).append("type", type).append("source", source)
                .append("time", Date.from(time)).append("subject", subject).append("schemaVersion", schemaVersion)
                .append("traceparent", traceparent).append("payload", payload);
    }

    public static OutboxEvent fromDocument(Document document) {
        return new OutboxEvent(document.getString("id"), document.getString("type"), document.getString("source"),
                document.getDate("time").toInstant(), document.getString("subject"),
                document.getInteger("schemaVersion"), document.getString("traceparent"),
                document.getString("payload"));
    }
}
