package dev.shipgate.contracts;

import dev.shipgate.contracts.events.PipelineConfigured;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaEventCodecTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void an_event_survives_the_trip_through_a_kafka_record(EventType type) {
        var event = EventEnvelope.of("/shipgate/test", SampleEvents.NOW,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", SampleEvents.BY_TYPE.get(type));

        ProducerRecord<String, byte[]> record = KafkaEventCodec.toRecord(event);
        var decoded = KafkaEventCodec.fromRecord(consumed(record));

        assertThat(record.topic()).isEqualTo(type.topic());
        assertThat(record.key()).isEqualTo(event.partitionKey());
        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void cloud_events_attributes_travel_as_headers() {
        var event = EventEnvelope.of("/shipgate/test", SampleEvents.NOW, null,
                SampleEvents.BY_TYPE.get(EventType.APPROVAL_REQUESTED));

        var headers = KafkaEventCodec.toRecord(event).headers();

        assertThat(KafkaEventCodec.get(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(KafkaEventCodec.get(headers, "ce_type")).isEqualTo("ApprovalRequested");
        assertThat(KafkaEventCodec.get(headers, "ce_id")).isEqualTo(event.id());
        assertThat(KafkaEventCodec.get(headers, "ce_source")).isEqualTo("/shipgate/test");
        assertThat(KafkaEventCodec.get(headers, "ce_time")).isEqualTo("2026-11-26T10:15:30Z");
        assertThat(KafkaEventCodec.get(headers, "ce_subject")).isEqualTo("ar-1");
        assertThat(KafkaEventCodec.get(headers, "ce_dataschema")).endsWith("/ApprovalRequested.v1.json");
        assertThat(KafkaEventCodec.get(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void a_pipeline_s_reminder_plan_travels_as_iso_durations_and_a_producer_without_it_reads_as_none() {
        var event = EventEnvelope.of("/t", SampleEvents.NOW, null,
                SampleEvents.BY_TYPE.get(EventType.PIPELINE_CONFIGURED));
        ProducerRecord<String, byte[]> record = KafkaEventCodec.toRecord(event);
        String body = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"remindAfter\":\"PT1H\"").contains("\"escalateAfter\":\"PT24H\"")
                .contains("\"fallbackGroup\":\"release-managers\"");

        String older = body.replaceAll(",\"reminders\":\\{[^}]*}", "");
        assertThat(older).doesNotContain("reminders");
        var decoded = (PipelineConfigured) KafkaEventCodec.fromRecord(consumed(record, older.getBytes(
                StandardCharsets.UTF_8))).data();
        assertThat(decoded.reminders()).isNull();
        assertThat(decoded.countsVoterInEveryRule()).isTrue();
    }

    @Test
    void a_body_that_is_not_json_is_unreadable() {
        var record = consumed(KafkaEventCodec.toRecord(EventEnvelope.of("/t", SampleEvents.NOW, null,
                SampleEvents.BY_TYPE.get(EventType.IMAGE_BUILT))), "not json".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> KafkaEventCodec.fromRecord(record)).isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void a_message_without_cloud_events_headers_is_unreadable() {
        var record = new ConsumerRecord<String, byte[]>("t", 0, 0, "k", "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> KafkaEventCodec.fromRecord(record))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("ce_type");
    }

    @Test
    void an_unknown_event_type_is_unreadable() {
        var record = new ConsumerRecord<String, byte[]>("t", 0, 0, "k", "{}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "SomethingElse".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> KafkaEventCodec.fromRecord(record))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("unknown event type");
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent) {
        return consumed(sent, sent.value());
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent, byte[] body) {
        var headers = new RecordHeaders(sent.headers().toArray());
        return new ConsumerRecord<>(sent.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, -1, -1, sent.key(), body,
                headers, Optional.empty());
    }
}
