package dev.shipgate.support.messaging;

import com.mongodb.client.MongoClients;
import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.runtime.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events a consumer applied, kept in the embedded default database as a real process. */
class EventConsumerTest {

    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()),
            "consumer-" + UUID.randomUUID());
    private final EventConsumer consumer = new EventConsumer(new ProcessedEvents(mongo));
    private final List<String> applied = new ArrayList<>();

    @Test
    void an_event_delivered_twice_is_applied_once() {
        ConsumerRecord<String, byte[]> record = record("sha256:a");

        consumer.consume("images", record, event -> applied.add(event.id()));
        consumer.consume("images", record, event -> applied.add(event.id()));

        assertThat(applied).containsExactly(KafkaEventCodec.fromRecord(record).id());
    }

    @Test
    void each_consumer_keeps_its_own_record_of_what_it_applied() {
        ConsumerRecord<String, byte[]> record = record("sha256:b");

        consumer.consume("images", record, event -> applied.add("images"));
        consumer.consume("mail", record, event -> applied.add("mail"));

        assertThat(applied).containsExactly("images", "mail");
    }

    @Test
    void an_event_the_consumer_does_not_want_is_neither_applied_nor_recorded() {
        ConsumerRecord<String, byte[]> record = record("sha256:c");

        consumer.consume("images", record, payload -> false, event -> applied.add("unwanted"));
        consumer.consume("images", record, event -> applied.add("wanted later"));

        assertThat(applied).containsExactly("wanted later");
    }

    @Test
    void a_handler_that_fails_leaves_the_event_to_be_applied_on_redelivery() {
        ConsumerRecord<String, byte[]> record = record("sha256:d");

        try {
            consumer.consume("images", record, event -> {
                throw new IllegalStateException("database away");
            });
        } catch (IllegalStateException expected) {
            // the listener container retries or parks it
        }
        consumer.consume("images", record, event -> applied.add("retried"));

        assertThat(applied).containsExactly("retried");
    }

    private static ConsumerRecord<String, byte[]> record(String digest) {
        EventEnvelope<EventPayload> event = EventEnvelope.of("/test", Instant.now(), null,
                new ImageBuilt(digest, "registry.local/app", "1", null, "app", "ci", Instant.now()));
        ProducerRecord<String, byte[]> produced = KafkaEventCodec.toRecord(event);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(produced.topic(), 0, 0, produced.key(),
                produced.value());
        produced.headers().forEach(header -> record.headers().add(header));
        return record;
    }
}
