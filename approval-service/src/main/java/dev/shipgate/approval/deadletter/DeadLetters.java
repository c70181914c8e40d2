package dev.shipgate.approval.deadletter;

import dev.shipgate.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Reads the dead-letter topics ({@code <topic>.dlt}) and puts a parked message back on the topic it came from, once
 * the reason it could not be applied has been mended: the original record as its owner wrote it, never the letter's
 * own body, which any consumer of the topic could have written. Consumers apply an event
 * id once, so a replayed message that some consumer had applied after all changes nothing there.
 */
class DeadLetters {

    public record TopicSummary(String topic, String originalTopic, int partitions, long messages) {
    }

    public record Letter(String topic, int partition, long offset, Instant parkedAt, String key,
                         Map<String, String> headers, String reason, String body, int bodyBytes) {
    }

    static final int LARGEST_BODY_SHOWN = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<String, byte[]> producer;

    public DeadLetters(Admin admin, ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> producer) {
        this.admin = admin;
        this.consumers = consumers;
        this.producer = producer;
    }

    /**
     * The topics approval-service owns: the broker lets it write only these (README, Security), so only their dead
     * letters can be put back from here. A letter of another service's topic (deployments, pipelines) stays readable;
     * putting it back would mean writing as its owner.
     */
    static final Set<String> OWN_TOPICS = Set.of(Topics.IMAGES, Topics.APPROVALS, Topics.DEPLOY_DECISIONS,
            Topics.ACCESS, Topics.TOKEN_REVOCATIONS);

    public static boolean mayReplay(String deadLetterTopic) {
        return isDeadLetterTopic(deadLetterTopic) && OWN_TOPICS.contains(originalOf(deadLetterTopic));
    }

    public static boolean isDeadLetterTopic(String topic) {
        return topic.endsWith(Topics.DEAD_LETTER_SUFFIX);
    }

    public List<TopicSummary> topics() {
        try {
            List<String> names = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                    .filter(DeadLetters::isDeadLetterTopic).sorted().toList();
            List<TopicSummary> summaries = new ArrayList<>();
            for (String name : names) {
                List<Range> ranges = partitions(name);
                long count = ranges.stream().mapToLong(range -> range.end - range.start).sum();
                summaries.add(new TopicSummary(name, originalOf(name), ranges.size(), count));
            }
            return summaries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} messages of one partition from {@code fromOffset} on (its first when null). */
    public List<Letter> read(String topic, int partition, Long fromOffset, int limit) {
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "dead-letter-reader")) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            long start = consumer.beginningOffsets(List.of(tp)).get(tp);
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long from = fromOffset == null ? start : Math.max(start, fromOffset);
            consumer.seek(tp, from);
            List<Letter> letters = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (letters.size() < limit && from + letters.size() < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (letters.size() < limit) {
                        letters.add(letter(record));
                    }
                }
            }
            return letters;
        }
    }

    public Optional<Letter> find(String topic, int partition, long offset) {
        return fetch(topic, partition, offset).map(DeadLetters::letter);
    }

    /**
     * The message a letter is a copy of: the record at the original topic, partition and offset its dead-letter
     * headers name, if that topic is the letter's original, the record is still there, and its key and body are the
     * letter's. Every consumer of a topic may write its dead-letter topic (README, Security), so a letter's body is
     * only the word of whoever wrote it; the original was written by the topic's owner. Empty when the letter is not
     * such a copy (forged, or its original compacted or deleted away): it must not be put back.
     */
    public Optional<ConsumerRecord<String, byte[]>> originalOf(String topic, int partition, long offset) {
        return fetch(topic, partition, offset).flatMap(parked -> {
            String originalTopic = text(header(parked, ORIGINAL_TOPIC));
            Long originalPartition = number(header(parked, ORIGINAL_PARTITION), 4);
            Long originalOffset = number(header(parked, ORIGINAL_OFFSET), 8);
            if (!originalOf(topic).equals(originalTopic) || originalPartition == null || originalOffset == null) {
                return Optional.empty();
            }
            return fetch(originalTopic, originalPartition.intValue(), originalOffset).filter(original ->
                    Objects.equals(original.key(), parked.key())
                            && Arrays.equals(original.value(), parked.value()));
        });
    }

    /**
     * Republishes the message a letter is a copy of ({@link #originalOf(String, int, long)}) on its topic, with the
     * original's key, body and headers.
     *
     * @throws IllegalArgumentException when the letter is not a copy of a message still on its original topic
     */
    public void replay(String topic, int partition, long offset) {
        if (!mayReplay(topic)) {
            throw new IllegalArgumentException("approval-service does not own " + originalOf(topic));
        }
        ConsumerRecord<String, byte[]> original = originalOf(topic, partition, offset).orElseThrow(() ->
                new IllegalArgumentException("the letter at " + topic + "/" + partition + "/" + offset
                        + " is not a copy of a message on " + originalOf(topic)));
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(original.topic(), original.key(),
                original.value());
        original.headers().forEach(header -> again.headers().add(header));
        try {
            producer.send(again).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the message: " + e.getMessage(), e);
        }
    }

    /**
     * Where a letter came from and why, under the names Spring Cloud Stream's Kafka binder writes ({@code x-*}), then
     * those of Spring Kafka's dead-letter recoverer ({@code kafka_dlt-*}), which parked the letters written before
     * the services moved onto the binder.
     */
    static final List<String> ORIGINAL_TOPIC = List.of(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC,
            KafkaHeaders.DLT_ORIGINAL_TOPIC);
    static final List<String> ORIGINAL_PARTITION = List.of(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION,
            KafkaHeaders.DLT_ORIGINAL_PARTITION);
    static final List<String> ORIGINAL_OFFSET = List.of(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET,
            KafkaHeaders.DLT_ORIGINAL_OFFSET);
    static final List<String> REASON = List.of(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE,
            KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    /** Long and of no use to an operator deciding on a replay; not shown. */
    static final Set<String> STACK_TRACES = Set.of(KafkaMessageChannelBinder.X_EXCEPTION_STACKTRACE,
            KafkaHeaders.DLT_EXCEPTION_STACKTRACE);

    /** The last header of the first of these names the record carries; null when it carries none of them. */
    private static Header header(ConsumerRecord<?, ?> record, List<String> names) {
        for (String name : names) {
            Header header = record.headers().lastHeader(name);
            if (header != null) {
                return header;
            }
        }
        return null;
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : text(header.value());
    }

    /** A big-endian number header of {@code bytes} bytes (4: int, 8: long), as the binder and Spring Kafka write it. */
    private static Long number(Header header, int bytes) {
        if (header == null || header.value() == null || header.value().length != bytes) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(header.value());
        return bytes == 4 ? buffer.getInt() : buffer.getLong();
    }

    /** The one message at this offset, if the partition still holds it. */
    private Optional<ConsumerRecord<String, byte[]>> fetch(String topic, int partition, long offset) {
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "dead-letter-reader")) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            if (offset < consumer.beginningOffsets(List.of(tp)).get(tp)
                    || offset >= consumer.endOffsets(List.of(tp)).get(tp)) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private record Range(long start, long end) {
    }

    private List<Range> partitions(String topic) throws InterruptedException, ExecutionException,
            TimeoutException {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toSeconds(),
                TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        description.partitions().forEach(p -> {
            earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        });
        var starts = admin.listOffsets(earliest).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        var ends = admin.listOffsets(latest).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return starts.keySet().stream().map(tp -> new Range(starts.get(tp).offset(), ends.get(tp).offset()))
                .collect(Collectors.toList());
    }

    static String originalOf(String deadLetterTopic) {
        return deadLetterTopic.substring(0, deadLetterTopic.length() - Topics.DEAD_LETTER_SUFFIX.length());
    }

    private static Letter letter(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null && header.value().length <= 4096
                    && !STACK_TRACES.contains(header.key())) {
                headers.put(header.key(), text(header.value()));
            }
        }
        Header reasonHeader = header(record, REASON);
        String reason = reasonHeader == null || reasonHeader.value() == null ? "" : text(reasonHeader.value());
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String body = value.length > LARGEST_BODY_SHOWN ? text(java.util.Arrays.copyOf(value, LARGEST_BODY_SHOWN))
                + "…" : text(value);
        return new Letter(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(
                record.timestamp()), record.key(), headers, reason, body, value.length);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
