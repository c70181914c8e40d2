package dev.shipgate.support.messaging;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay against a real broker and the embedded default database (which has no index on the outbox). */
class OutboxRelayTest {

    private static final String COLLECTION = "things";

    private final AtomicInteger updates = new AtomicInteger(); // update commands the driver sent
    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(SharedInfra.get().mongoUri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (event.getCommandName().equals("update")) {
                        updates.incrementAndGet();
                    }
                }
            }).build()), "relay-" + UUID.randomUUID());
    private final KafkaTemplate<byte[], byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
            new KafkaConnection(SharedInfra.get().kafkaBootstrap(), "SASL_PLAINTEXT", KafkaAccess.SCRAM_MECHANISM,
                    KafkaAccess.APPROVAL, SharedInfra.get().kafkaPassword(KafkaAccess.APPROVAL)).clientProperties(),
            new ByteArraySerializer(), new ByteArraySerializer()));
    /** In place of the binding's StreamBridge: the same message, sent and waited for. */
    private final EventPublisher publisher = new EventPublisher((topic, message) -> {
        try {
            kafka.send(MessageBuilder.fromMessage(message).setHeader(KafkaHeaders.TOPIC, topic).build())
                    .get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });
    private OutboxRelay relay;

    @AfterEach
    void stopRelay() {
        relay.close();
    }

    @Test
    void events_left_by_a_crash_before_the_start_go_out_at_the_start() {
        String left = queueWithoutWakeUp("t1");

        relay = new OutboxRelay(mongo, publisher, List.of(COLLECTION), 100, 3_600_000);

        assertThat(published(Set.of(left), Duration.ofSeconds(20))).contains(left);
        assertThat(mongo.findById("t1", Document.class, COLLECTION).getList("outbox", Document.class)).isEmpty();
    }

    @Test
    void a_woken_document_goes_out_at_once_without_a_sweep() {
        relay = new OutboxRelay(mongo, publisher, List.of(COLLECTION), 100, 3_600_000);
        String first = queueWithoutWakeUp("t2");
        String second = pushWithoutWakeUp("t2");

        relay.wakeUp(COLLECTION, "t2");

        // both, and in the order they were queued
        assertThat(published(Set.of(first, second), Duration.ofSeconds(20))).containsSubsequence(first, second);
    }

    @Test
    void a_write_whose_wake_up_was_lost_goes_out_at_the_periodic_sweep() throws InterruptedException {
        relay = new OutboxRelay(mongo, publisher, List.of(COLLECTION), 100, 1_000);
        Thread.sleep(300); // past the sweep at the start

        String lost = queueWithoutWakeUp("t3");

        assertThat(published(Set.of(lost), Duration.ofSeconds(20))).contains(lost);
    }

    @Test
    void a_write_that_returned_its_outbox_goes_out_without_a_read_and_nothing_is_sent_twice() {
        relay = new OutboxRelay(mongo, publisher, List.of(COLLECTION), 100, 3_600_000);
        String earlier = queueWithoutWakeUp("t4");
        String later = pushWithoutWakeUp("t4");
        List<Document> outboxAfterWrite = mongo.findById("t4", Document.class, COLLECTION)
                .getList("outbox", Document.class);

        relay.relay(COLLECTION, "t4", outboxAfterWrite);
        relay.relay(COLLECTION, "t4", outboxAfterWrite); // a second write's answer still held both

        assertThat(published(Set.of(earlier, later), Duration.ofSeconds(20))).containsExactly(earlier, later);
        assertThat(copiesWithin(Set.of(earlier, later), Duration.ofSeconds(3))).containsExactly(earlier, later);
        assertThat(mongo.findById("t4", Document.class, COLLECTION).getList("outbox", Document.class)).isEmpty();
    }

    @Test
    void what_several_writes_queued_is_removed_from_their_documents_in_one_command() throws InterruptedException {
        relay = new OutboxRelay(mongo, publisher, List.of(COLLECTION), 100, 3_600_000);
        Thread.sleep(500); // past the sweep at the start
        List<String> documents = IntStream.range(0, 10).mapToObj(i -> "t5-" + i).toList();
        Set<String> events = new java.util.HashSet<>();
        int updatesBefore = updates.get();

        for (String id : documents) {
            events.add(queueWithoutWakeUp(id));
            relay.relay(COLLECTION, id, mongo.findById(id, Document.class, COLLECTION)
                    .getList("outbox", Document.class));
        }

        assertThat(published(events, Duration.ofSeconds(20))).containsExactlyInAnyOrderElementsOf(events);
        Thread.sleep(OutboxRelay.REMOVE_MILLIS * 3);
        assertThat(documents).allMatch(id -> mongo.findById(id, Document.class, COLLECTION)
                .getList("outbox", Document.class).isEmpty());
        assertThat(updates.get() - updatesBefore).isLessThanOrEqualTo(2); // one per document before
    }

    private String queueWithoutWakeUp(String id) {
        OutboxEvent event = event(id);
        mongo.insert(new Document("_id", id).append("outbox", List.of(event.toDocument())), COLLECTION);
        return event.id();
    }

    private String pushWithoutWakeUp(String id) {
        OutboxEvent event = event(id);
        mongo.getCollection(COLLECTION).updateOne(new Document("_id", id),
                new Document("$push", new Document("outbox", event.toDocument())));
        return event.id();
    }

    private static OutboxEvent event(String subject) {
        return OutboxEvent.of(EventEnvelope.of("/test", Instant.now(), null,
                new ImageBuilt("sha256:" + subject, "registry.local/app", "1", null, "app", "ci", Instant.now())));
    }

    /** Ids of the events read from the images topic, in topic order, until all wanted ones came or time ran out. */
    private static List<String> published(Set<String> wanted, Duration timeout) {
        return read(wanted, timeout, ids -> ids.containsAll(wanted));
    }

    /** Every copy of these events on the images topic that arrives within the window, in topic order. */
    private static List<String> copiesWithin(Set<String> wanted, Duration window) {
        return read(wanted, window, ids -> false);
    }

    private static List<String> read(Set<String> wanted, Duration timeout, Predicate<List<String>> done) {
        Map<String, Object> config = SharedInfra.get().kafkaClient(KafkaAccess.ADMIN);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.IMAGES));
            List<String> ids = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (!done.test(ids) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = new String(record.headers().lastHeader(KafkaEventCodec.H_ID).value(),
                            StandardCharsets.UTF_8);
                    if (wanted.contains(id)) {
                        ids.add(id);
                    }
                }
            }
            return ids;
        }
    }
}
