package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.events.ImageBuilt;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.binder.kafka.common.BinderHeaderMapper;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event becomes the message the binding sends, and the binder's header mapper (with the header patterns of
 * {@link MessagingDefaults}) turns it into exactly the record {@link KafkaEventCodec} makes.
 */
class EventPublisherTest {

    private final BinderHeaderMapper bindersMapper = new BinderHeaderMapper(BinderHeaderMapper.addNeverHeaderPatterns(
            List.of(((String) MessagingDefaults.defaults().get(
                    "spring.cloud.stream.kafka.default.producer.header-patterns")).split(","))));

    @Test
    void the_binder_writes_the_cloudevents_headers_as_the_codec_does_and_nothing_else() {
        var event = EventEnvelope.of("/shipgate/test", Instant.now(),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                new ImageBuilt("sha256:1", "registry.local/app", "1", null, "app", "ci", Instant.now()));
        ProducerRecord<String, byte[]> expected = KafkaEventCodec.toRecord(event);
        // what StreamBridge adds on its way to the binding
        Message<byte[]> sent = MessageBuilder.fromMessage(EventPublisher.message(expected))
                .setHeader("contentType", "application/json").setHeader("target-protocol", "kafka").build();

        RecordHeaders written = new RecordHeaders();
        bindersMapper.fromHeaders(sent.getHeaders(), written);

        assertThat(sent.getPayload()).isEqualTo(expected.value());
        assertThat(new String((byte[]) sent.getHeaders().get(KafkaHeaders.KEY), StandardCharsets.UTF_8))
                .isEqualTo(expected.key());
        assertThat(pairs(written)).containsExactlyInAnyOrderElementsOf(pairs(expected.headers()));
    }

    @Test
    void a_text_header_would_bring_springs_type_header_onto_the_wire_which_is_why_the_publisher_sends_bytes() {
        RecordHeaders written = new RecordHeaders();
        bindersMapper.fromHeaders(MessageBuilder.withPayload(new byte[0]).setHeader("ce_specversion", "1.0").build()
                .getHeaders(), written);

        assertThat(new String(written.lastHeader("ce_specversion").value(), StandardCharsets.UTF_8))
                .isEqualTo("1.0");
        assertThat(written.lastHeader("spring_json_header_types")).isNotNull(); // not a CloudEvents header
    }

    private static List<String> pairs(Iterable<Header> headers) {
        List<String> pairs = new ArrayList<>();
        headers.forEach(h -> pairs.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
        return pairs;
    }
}
