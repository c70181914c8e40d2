package com.example.shipgate;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.UnreadableEventException;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Reads Shipgate's deployment events and prints one line each. What a consumer of Shipgate should do, in little:
 * its own consumer group, decode with the contracts' codec (CloudEvents headers, JSON body), apply each event id
 * once (Shipgate delivers at least once), and skip what it cannot read rather than stop.
 *
 * <pre>java -cp ... com.example.shipgate.DeploymentEventPrinter 127.0.0.1:9092</pre>
 */
public final class DeploymentEventPrinter {

    private final Set<String> seen = new HashSet<>(); // a real consumer keeps this in its own store
    private final PrintStream out;

    public DeploymentEventPrinter(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        new DeploymentEventPrinter(System.out).run(bootstrap, "deployment-event-printer", () -> true);
    }

    /** Polls until {@code keepGoing} says stop. */
    public void run(String bootstrap, String group, BooleanSupplier keepGoing) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEPLOYMENTS));
            while (keepGoing.getAsBoolean()) {
                consumer.poll(Duration.ofMillis(200)).forEach(this::print);
            }
        }
    }

    void print(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event;
        try {
            event = KafkaEventCodec.fromRecord(record);
        } catch (UnreadableEventException e) {
            out.println("skipped an unreadable message at offset " + record.offset() + ": " + e.getMessage());
            return;
        }
        if (!seen.add(event.id())) {
            return; // delivered again
        }
        if (event.data() instanceof DeploymentStatusChanged changed) {
            out.printf("%s %s %s %s -> %s: %s%n", event.time(), changed.image().application(),
                    changed.image().environment(), changed.image().tag(), changed.status(), changed.detail());
        } else if (event.data() instanceof DeploymentRequested requested) {
            out.printf("%s %s %s %s requested by %s%n", event.time(), requested.image().application(),
                    requested.image().environment(), requested.image().tag(), requested.requestedBy());
        }
    }
}
