package dev.shipgate.contracts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Maps events to Kafka records and back in CloudEvents 1.0 binary content mode: attributes in {@code ce_*} headers,
 * the payload as the JSON body. Anything that does not decode raises {@link UnreadableEventException}.
 */
public final class KafkaEventCodec {

    public static final String SPEC_VERSION = "1.0";
    public static final String H_ID = "ce_id";
    public static final String H_TYPE = "ce_type";
    public static final String H_SOURCE = "ce_source";
    public static final String H_SPEC_VERSION = "ce_specversion";
    public static final String H_TIME = "ce_time";
    public static final String H_SUBJECT = "ce_subject";
    public static final String H_DATA_SCHEMA = "ce_dataschema";
    public static final String H_SCHEMA_VERSION = "ce_schemaversion";
    public static final String H_TRACEPARENT = "traceparent";
    public static final String H_CONTENT_TYPE = "content-type";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // additive fields are not breaking
            .build();

    private KafkaEventCodec() {
    }

    public static JsonMapper json() {
        return JSON;
    }

    public static ProducerRecord<String, byte[]> toRecord(EventEnvelope<?> event) {
        Headers headers = new RecordHeaders();
        put(headers, H_ID, event.id());
        put(headers, H_TYPE, event.type());
        put(headers, H_SOURCE, event.source());
        put(headers, H_SPEC_VERSION, SPEC_VERSION);
        put(headers, H_TIME, event.time().toString());
        put(headers, H_SUBJECT, event.subject());
        put(headers, H_DATA_SCHEMA, event.eventType().dataSchemaUri());
        put(headers, H_SCHEMA_VERSION, Integer.toString(event.schemaVersion()));
        put(headers, H_CONTENT_TYPE, "application/json");
        put(headers, H_TRACEPARENT, event.traceparent());
        return new ProducerRecord<>(event.eventType().topic(), null, event.partitionKey(), payloadBytes(event.data()),
                headers);
    }

    public static byte[] payloadBytes(EventPayload payload) {
        return JSON.writeValueAsBytes(payload);
    }

    public static EventEnvelope<EventPayload> fromRecord(ConsumerRecord<?, byte[]> record) {
        return decode(record.headers(), record.value());
    }

    /**
     * An event from a message's headers and body, however it was read (a Kafka record, a Spring Cloud Stream
     * message): the {@code ce_*} headers give its attributes, {@code body} its payload as JSON.
     *
     * @throws UnreadableEventException when a required header is missing or malformed or the body is not the schema
     */
    public static EventEnvelope<EventPayload> decode(Headers headers, byte[] body) {
        String typeName = required(headers, H_TYPE);
        EventType type = EventType.named(typeName);
        String id = required(headers, H_ID);
        String source = required(headers, H_SOURCE);
        Instant time = parseTime(required(headers, H_TIME));
        int schemaVersion = parseSchemaVersion(get(headers, H_SCHEMA_VERSION), type);
        if (body == null) {
            throw new UnreadableEventException("event " + id + " has no body");
        }
        EventPayload data = parsePayload(body, type, id);
        return new EventEnvelope<>(id, typeName, source, time, get(headers, H_SUBJECT), schemaVersion,
                get(headers, H_TRACEPARENT), data);
    }

    private static EventPayload parsePayload(byte[] body, EventType type, String id) {
        try {
            EventPayload payload = JSON.readValue(body, type.payloadType());
            if (payload == null) {
                throw new UnreadableEventException("event " + id + " has a null body");
            }
            return payload;
        } catch (JacksonException e) {
            throw new UnreadableEventException("event " + id + " of type " + type.typeName()
                    + " does not match its schema: " + e.getOriginalMessage(), e);
        }
    }

    private static int parseSchemaVersion(String value, EventType type) {
        if (value == null) {
            return type.schemaVersion();
        }
        try {
            // a newer minor version stays readable: within a topic, fields are only ever added
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UnreadableEventException("header " + H_SCHEMA_VERSION + " is not a number: " + value);
        }
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UnreadableEventException("header " + H_TIME + " is not an RFC 3339 time: " + value);
        }
    }

    private static String required(Headers headers, String name) {
        String value = get(headers, name);
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException("missing CloudEvents header " + name);
        }
        return value;
    }

    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
