package dev.shipgate.support.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when this instance has read each partition for each consumer group, as each binding's consumer reports the
 * partitions assigned to it and taken from it. {@link ProcessedEvents} uses it to tell the events no other instance
 * can have applied. A partition taken away and assigned again counts from its new assignment.
 */
public class PartitionOwnership {

    private final Clock clock;
    private final ProcessedEvents processed;
    private final Map<String, Instant> readingSince = new ConcurrentHashMap<>();

    /** @param processed written out when partitions go, so that their next reader sees what was applied here */
    public PartitionOwnership(Clock clock, ProcessedEvents processed) {
        this.clock = clock;
        this.processed = processed;
    }

    /** When this instance began reading the partition for the group without a break; empty when it does not. */
    public Optional<Instant> readingSince(String group, String topic, int partition) {
        return Optional.ofNullable(readingSince.get(key(group, topic, partition)));
    }

    /**
     * The rebalance listener of one binding's consumer in {@code group}, calling {@code before} (the one the binder
     * set, if any) first.
     */
    public ConsumerRebalanceListener listenerFor(String group, ConsumerRebalanceListener before) {
        return new Listener(group, before);
    }

    void assigned(String group, Collection<TopicPartition> partitions) {
        Instant now = clock.instant();
        partitions.forEach(partition -> readingSince.put(key(group, partition.topic(), partition.partition()), now));
    }

    void gone(String group, Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> readingSince.remove(key(group, partition.topic(), partition.partition())));
        processed.flush();
    }

    private static String key(String group, String topic, int partition) {
        return group + "/" + topic + "/" + partition;
    }

    private final class Listener implements ConsumerAwareRebalanceListener {
        private final String group;
        private final ConsumerRebalanceListener before;

        Listener(String group, ConsumerRebalanceListener before) {
            this.group = group;
            this.before = before;
        }

        @Override
        public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (before instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsRevokedBeforeCommit(consumer, partitions);
            } else if (before != null) {
                before.onPartitionsRevoked(partitions);
            }
            gone(group, partitions);
        }

        @Override
        public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (before instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsRevokedAfterCommit(consumer, partitions);
            }
        }

        @Override
        public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (before instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsLost(consumer, partitions);
            } else if (before != null) {
                before.onPartitionsLost(partitions);
            }
            gone(group, partitions);
        }

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (before instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsAssigned(consumer, partitions);
            } else if (before != null) {
                before.onPartitionsAssigned(partitions);
            }
            assigned(group, partitions);
        }
    }
}
