package dev.shipgate.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the platform itself costs, measured in the same run: a Kafka round trip and a versioned MongoDB update. */
final class Baselines {

    private Baselines() {
    }

    /**
     * Produce (acks=all, idempotent) then consume one record at a time: one hop of any event, on a topic of its own
     * made first (the broker creates none by itself), as the broker admin ({@code client}: its client settings).
     */
    static Stats kafkaRoundTrip(Map<String, Object> client, int count) {
        String topic = "bench-baseline-" + UUID.randomUUID();
        Stats stats = new Stats();
        Map<String, Object> producerConfig = new java.util.HashMap<>(client);
        producerConfig.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true, ProducerConfig.LINGER_MS_CONFIG, 0));
        Map<String, Object> consumerConfig = new java.util.HashMap<>(client);
        consumerConfig.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        try (var admin = org.apache.kafka.clients.admin.Admin.create(client)) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
        try (var producer = new KafkaProducer<String, String>(producerConfig, new StringSerializer(),
                new StringSerializer());
             var consumer = new KafkaConsumer<String, String>(consumerConfig, new StringDeserializer(),
                     new StringDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "warm", "up")).get();
            consumer.subscribe(List.of(topic));
            while (consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                // wait for the assignment and the warm-up record
            }
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k", Integer.toString(i))).get();
                boolean received = false;
                while (!received) {
                    received = !consumer.poll(Duration.ofMillis(50)).isEmpty();
                }
                stats.add(System.nanoTime() - start);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return stats;
    }

    /** A single-document update conditioned on a version, as every aggregate write does. */
    static Stats mongoVersionedUpdate(String uri, int count) {
        Stats stats = new Stats();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> collection = client.getDatabase("bench").getCollection("baseline");
            String id = UUID.randomUUID().toString();
            collection.insertOne(new Document("_id", id).append("version", 0L).append("votes", List.of()));
            for (long v = 0; v < count; v++) {
                long start = System.nanoTime();
                collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", v)),
                        Updates.combine(Updates.set("version", v + 1), Updates.set("status", "PENDING")));
                collection.find(Filters.eq("_id", id)).first();
                stats.add(System.nanoTime() - start);
            }
        }
        return stats;
    }
}
