package com.example.shipgate;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.UnreadableEventException;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.SaslConfigs;
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
 * <p>It logs in as the read-only principal Shipgate's operators gave the team (SASL/SCRAM-SHA-512), from the
 * environment: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_SASL_USERNAME}, {@code KAFKA_SASL_PASSWORD} and
 * {@code KAFKA_SECURITY_PROTOCOL} ({@code SASL_PLAINTEXT} by default; {@code SASL_SSL} against a TLS listener). Its
 * consumer group must start with {@code <principal>-}: the broker lets a read-only principal join no other.
 *
 * <pre>
 * KAFKA_SASL_USERNAME=reader KAFKA_SASL_PASSWORD=... \
 *     java -cp ... com.example.shipgate.DeploymentEventPrinter
 * </pre>
 */
public final class DeploymentEventPrinter {

    private final Set<String> seen = new HashSet<>(); // a real consumer keeps this in its own store
    private final PrintStream out;

    public DeploymentEventPrinter(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String user = env.getOrDefault("KAFKA_SASL_USERNAME", "reader");
        Map<String, Object> client = login(env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env.getOrDefault("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"), user,
                env.getOrDefault("KAFKA_SASL_PASSWORD", ""));
        new DeploymentEventPrinter(System.out).run(client, user + "-deployment-event-printer", () -> true);
    }

    /** Client settings to log in as {@code user} with SASL/SCRAM-SHA-512. */
    public static Map<String, Object> login(String bootstrap, String securityProtocol, String user,
                                            String password) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol,
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** Polls until {@code keepGoing} says stop; {@code client} says where the broker is and who logs in. */
    public void run(Map<String, Object> client, String group, BooleanSupplier keepGoing) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<String, byte[]>(config, new StringDeserializer(),
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
