package dev.shipgate.testing;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.LocalInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Reads topics from their start in the background, so a test can wait for an event; and publishes events. It reads
 * as the broker's admin (a test watches everything), and publishes on each topic as the principal that really owns
 * it ({@link KafkaAccess#ownerOf}: CI for images, deploy-service for pipelines...), so the broker's ACLs apply to
 * what a test puts on a topic as they do to the system.
 */
public final class TopicWatcher implements AutoCloseable {

    private final LocalInfra infra;
    private final List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
    private final Map<String, KafkaProducer<String, byte[]>> producers = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    public TopicWatcher(LocalInfra infra, List<String> topics) {
        this.infra = infra;
        Map<String, Object> config = infra.kafkaClient(KafkaAccess.ADMIN);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-watcher-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        this.poller = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                }
            }
        }, "topic-watcher");
        poller.setDaemon(true);
        poller.start();
    }

    public EventEnvelope<EventPayload> publish(EventPayload payload) {
        EventEnvelope<EventPayload> event = EventEnvelope.of("/shipgate/test", Instant.now(), null, payload);
        publish(event);
        return event;
    }

    public void publish(EventEnvelope<?> event) {
        send(KafkaEventCodec.toRecord(event));
    }

    /** Sends as the topic's owner (see the class comment); the answer says where the record landed. */
    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        return send(KafkaAccess.ownerOf(record.topic()), record);
    }

    /** Sends as {@code principal}; a refusal by the broker is the cause of the exception. */
    public RecordMetadata send(String principal, ProducerRecord<String, byte[]> record) {
        try {
            return producerOf(principal).send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + record.topic(), e);
        }
    }

    /**
     * Events of the type seen so far that match, each once: a record sent again (an outbox relay may send an event
     * twice; consumers skip the copy by its id) is the same event, while an action done twice makes two events with
     * ids of their own, which this still shows.
     */
    public <T extends EventPayload> List<T> events(Class<T> type, Predicate<T> matching) {
        Set<String> ids = new HashSet<>();
        return envelopes(type, matching).stream().filter(event -> ids.add(event.id())).map(EventEnvelope::data)
                .toList();
    }

    /**
     * Events of the type seen so far that match, with their envelopes: an event delivered again keeps its
     * {@link EventEnvelope#id()}, so counting distinct ids counts what was done, not what was sent.
     */
    @SuppressWarnings("unchecked")
    public <T extends EventPayload> List<EventEnvelope<T>> envelopes(Class<T> type, Predicate<T> matching) {
        List<EventEnvelope<T>> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : seen) {
            try {
                EventEnvelope<EventPayload> event = KafkaEventCodec.fromRecord(record);
                if (type.isInstance(event.data()) && matching.test(type.cast(event.data()))) {
                    found.add((EventEnvelope<T>) (EventEnvelope<?>) event);
                }
            } catch (RuntimeException unreadable) {
                // the dead-letter tests put unreadable messages on topics
            }
        }
        return found;
    }

    public <T extends EventPayload> T await(Class<T> type, Predicate<T> matching) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !events(type, matching).isEmpty());
        return events(type, matching).get(0);
    }

    /** Raw records of a topic, for dead-letter checks. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        return seen.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private KafkaProducer<String, byte[]> producerOf(String principal) {
        return producers.computeIfAbsent(principal, p -> {
            Map<String, Object> config = infra.kafkaClient(p);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        });
    }

    @Override
    public void close() {
        running = false;
        producers.values().forEach(KafkaProducer::close);
    }
}
