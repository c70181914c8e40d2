package dev.shipgate.approval.it;

import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.support.messaging.PartitionOwnership;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binder.DefaultBinding;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.kafka.listener.ContainerProperties;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * approval-service reads its topics through Spring Cloud Stream bindings, one consumer group each, with dead letters
 * parked by the binder; an unreadable message is parked at once, not tried again.
 */
class BindingsIT extends ApprovalServiceTestBase {

    @Autowired
    BindingService bindings;

    @Autowired
    PartitionOwnership ownership;

    @Test
    void every_topic_is_read_through_a_binding_of_its_own_group_with_a_dead_letter_queue() {
        Map<String, String[]> expected = Map.of(
                "imageEvents-in-0", new String[]{Topics.IMAGES, "approval-service.images"},
                "pipelineEvents-in-0", new String[]{Topics.PIPELINES, "approval-service.pipelines"},
                "accessEvents-in-0", new String[]{Topics.ACCESS, "approval-service.access-changes"},
                "deploymentEvents-in-0", new String[]{Topics.DEPLOYMENTS, "approval-service.deployments"},
                "tokenRevocations-in-0", new String[]{Topics.TOKEN_REVOCATIONS, "approval-service-token-revocations"});
        expected.forEach((name, topicAndGroup) -> {
            List<Binding<?>> bound = bindings.getConsumerBindings(name);
            assertThat(bound).as(name).hasSize(1);
            Binding<?> binding = bound.get(0);
            assertThat(binding.isInput()).isTrue();
            assertThat(binding.isRunning()).as(name + " running").isTrue();
            assertThat(binding.getName()).isEqualTo(topicAndGroup[0]);
            assertThat(((DefaultBinding<?>) binding).getGroup()).isEqualTo(topicAndGroup[1]);
            KafkaConsumerProperties kafka = binding.getExtension();
            assertThat(kafka.isEnableDlq()).as(name + " dead letters").isTrue();
            assertThat(kafka.getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
        });
        KafkaConsumerProperties revocations = bindings.getConsumerBindings("tokenRevocations-in-0").get(0)
                .getExtension();
        assertThat(revocations.isAutoRebalanceEnabled()).isFalse(); // every instance reads every partition
        assertThat(revocations.isResetOffsets()).isTrue(); // from the beginning, at every start
    }

    /** The one instance reads every partition of its groups, and knows since when (events newer need no lookup). */
    @Test
    void each_binding_reports_the_partitions_it_reads_to_the_partition_ownership() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int partition = 0; partition < 3; partition++) {
                assertThat(ownership.readingSince("approval-service.deployments", Topics.DEPLOYMENTS, partition))
                        .as("partition " + partition).isPresent();
                assertThat(ownership.readingSince("approval-service.images", Topics.IMAGES, partition)).isPresent();
            }
        });
        assertThat(ownership.readingSince("approval-service.images", Topics.DEPLOYMENTS, 0)).isEmpty();
    }

    @Test
    void an_unreadable_message_is_parked_by_the_binder_at_once_naming_where_it_came_from() {
        String key = "unreadable-" + UUID.randomUUID();
        long sent = System.nanoTime();
        RecordMetadata where = topics.send(new ProducerRecord<>(Topics.DEPLOYMENTS, key,
                "{not json".getBytes(StandardCharsets.UTF_8)));

        ConsumerRecord<String, byte[]>[] parked = new ConsumerRecord[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            parked[0] = topics.records(Topics.deadLetterOf(Topics.DEPLOYMENTS)).stream()
                    .filter(r -> key.equals(r.key())).findFirst().orElse(null);
            return parked[0] != null;
        });
        // five retries with backoff would take 6 s; an UnreadableEventException is not retried
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(4));

        assertThat(new String(parked[0].value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(text(parked[0], "x-original-topic")).isEqualTo(Topics.DEPLOYMENTS);
        assertThat(ByteBuffer.wrap(parked[0].headers().lastHeader("x-original-partition").value()).getInt())
                .isEqualTo(where.partition());
        assertThat(ByteBuffer.wrap(parked[0].headers().lastHeader("x-original-offset").value()).getLong())
                .isEqualTo(where.offset());
        assertThat(text(parked[0], "x-exception-message")).contains("ce_type");
    }

    /** The dead-letter admin finds the original of a letter by the binder's x-original-* headers. */
    @Test
    void a_letter_the_binder_parked_is_a_copy_of_its_original_and_is_put_back() {
        String key = "parked-" + UUID.randomUUID();
        topics.send(new ProducerRecord<>(Topics.IMAGES, key, "{not json".getBytes(StandardCharsets.UTF_8)));
        ConsumerRecord<String, byte[]>[] parked = new ConsumerRecord[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            parked[0] = topics.records(Topics.deadLetterOf(Topics.IMAGES)).stream()
                    .filter(r -> key.equals(r.key())).findFirst().orElse(null);
            return parked[0] != null;
        });

        var replayed = http().post("dave", "/api/admin/dead-letters/" + parked[0].topic() + "/"
                + parked[0].partition() + "/" + parked[0].offset() + "/replay", null);
        assertThat(replayed.status()).isEqualTo(202);
        assertThat(replayed.json().path("republishedTo").asString()).isEqualTo(Topics.IMAGES);
    }

    @Test
    void events_go_out_through_the_binder_with_the_cloudevents_headers_as_plain_text_and_no_others() {
        // the seeded users' access, published by approval-service's outbox relay at start
        ConsumerRecord<String, byte[]>[] published = new ConsumerRecord[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            published[0] = topics.records(Topics.ACCESS).stream()
                    .filter(r -> "/shipgate/approval-service".equals(text(r, "ce_source"))).findFirst().orElse(null);
            return published[0] != null;
        });
        ConsumerRecord<String, byte[]> record = published[0];

        List<String> names = new java.util.ArrayList<>();
        record.headers().forEach(h -> names.add(h.key()));
        assertThat(names).doesNotHaveDuplicates().containsAll(List.of("ce_id", "ce_type", "ce_source",
                "ce_specversion", "ce_time", "ce_dataschema", "ce_schemaversion", "content-type"));
        assertThat(names).allMatch(name -> name.startsWith("ce_") || name.equals("content-type")
                || name.equals("traceparent"));
        assertThat(text(record, "ce_specversion")).isEqualTo("1.0"); // not the JSON string "\"1.0\""
        assertThat(text(record, "content-type")).isEqualTo("application/json");
        var event = KafkaEventCodec.fromRecord(record);
        assertThat(record.key()).isEqualTo(event.partitionKey());
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        Header found = record.headers().lastHeader(header);
        return found == null ? null : new String(found.value(), StandardCharsets.UTF_8);
    }
}
