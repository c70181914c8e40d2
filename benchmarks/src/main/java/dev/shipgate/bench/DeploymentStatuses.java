package dev.shipgate.bench;

import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows the deployments topic as any consumer would, noting when each deployment's AUTHORIZED status arrived
 * (System.nanoTime) and how many times: the end of the deploy saga as its users see it.
 */
final class DeploymentStatuses implements AutoCloseable {

    final Map<String, Long> authorizedAt = new ConcurrentHashMap<>();
    /** The distinct AUTHORIZED events (by event id) of each deployment: more than one would be a doubled decision. */
    final Map<String, Set<String>> authorizedEvents = new ConcurrentHashMap<>();
    /** Deliveries of an event already seen (allowed: consumers skip them by event id), counted to show how rare. */
    final AtomicInteger redeliveries = new AtomicInteger();
    private volatile boolean running = true;
    private final Thread reader;

    /** @param client client settings of a principal that may read the deployments topic */
    DeploymentStatuses(Map<String, Object> client) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"));
        reader = new Thread(() -> {
            try (var consumer = new KafkaConsumer<String, byte[]>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.DEPLOYMENTS));
                while (running) {
                    consumer.poll(Duration.ofMillis(20)).forEach(record -> {
                        if ("DeploymentStatusChanged".equals(KafkaEventCodec.get(record.headers(),
                                KafkaEventCodec.H_TYPE))) {
                            var event = (DeploymentStatusChanged) KafkaEventCodec.fromRecord(record).data();
                            if (event.status().equals("AUTHORIZED")) {
                                authorizedAt.putIfAbsent(event.deploymentId(), System.nanoTime());
                                String eventId = KafkaEventCodec.get(record.headers(), KafkaEventCodec.H_ID);
                                if (!authorizedEvents.computeIfAbsent(event.deploymentId(),
                                        id -> ConcurrentHashMap.newKeySet()).add(eventId)) {
                                    redeliveries.incrementAndGet();
                                }
                            }
                        }
                    });
                }
            }
        }, "deployment-statuses");
        reader.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join();
    }
}
