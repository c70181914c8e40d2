package dev.shipgate.support.messaging;

import com.mongodb.client.MongoClients;
import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.runtime.SharedInfra;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

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
        Message<byte[]> message = message("sha256:a");

        consumer.consume("images", message, event -> applied.add(event.id()));
        consumer.consume("images", message, event -> applied.add(event.id()));

        assertThat(applied).containsExactly(
                KafkaEventCodec.decode(EventConsumer.kafkaHeaders(message), message.getPayload()).id());
    }

    @Test
    void each_consumer_keeps_its_own_record_of_what_it_applied() {
        Message<byte[]> message = message("sha256:b");

        consumer.consume("images", message, event -> applied.add("images"));
        consumer.consume("mail", message, event -> applied.add("mail"));

        assertThat(applied).containsExactly("images", "mail");
    }

    @Test
    void an_event_the_consumer_does_not_want_is_neither_applied_nor_recorded() {
        Message<byte[]> message = message("sha256:c");

        consumer.consume("images", message, payload -> false, event -> applied.add("unwanted"));
        consumer.consume("images", message, event -> applied.add("wanted later"));

        assertThat(applied).containsExactly("wanted later");
    }

    @Test
    void a_handler_that_fails_leaves_the_event_to_be_applied_on_redelivery() {
        Message<byte[]> message = message("sha256:d");

        try {
            consumer.consume("images", message, event -> {
                throw new IllegalStateException("database away");
            });
        } catch (IllegalStateException expected) {
            // the listener container retries or parks it
        }
        consumer.consume("images", message, event -> applied.add("retried"));

        assertThat(applied).containsExactly("retried");
    }

    /** The event as its binding delivers it: the record's body and headers, as the publisher writes them. */
    private static Message<byte[]> message(String digest) {
        EventEnvelope<EventPayload> event = EventEnvelope.of("/test", Instant.now(), null,
                new ImageBuilt(digest, "registry.local/app", "1", null, "app", "ci", Instant.now()));
        return EventPublisher.message(KafkaEventCodec.toRecord(event));
    }
}
