package com.example.shipgate;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.TopicWatcher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The example consumer against the real broker. */
class DeploymentEventPrinterTest {

    @Test
    void it_prints_each_deployment_event_once_and_skips_what_it_cannot_read() {
        LocalInfra infra = SharedInfra.get();
        String tag = "ex-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicWatcher topics = new TopicWatcher(infra, List.of(Topics.DEPLOYMENTS))) {
            PipelineImage image = new PipelineImage("pl-1", "payments", "prod", "sha256:ab", tag);
            EventEnvelope<?> healthy = EventEnvelope.of("/shipgate/deploy-service", Instant.now(), null,
                    new DeploymentStatusChanged("dp-1", image, "alice", "HEALTHY", "all replicas available",
                            Instant.now()));
            topics.send(new ProducerRecord<>(Topics.DEPLOYMENTS, "pl-1", "garbage".getBytes(StandardCharsets.UTF_8)));
            topics.publish(healthy);
            topics.publish(healthy);
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        long deadline = System.currentTimeMillis() + 30_000;
        long[] firstPrinted = {0};
        // keep reading 2 s past the first line, so a duplicate would have been read too
        // as the read-only principal other teams get, in a group of its own prefix
        Map<String, Object> reader = DeploymentEventPrinter.login(infra.kafkaBootstrap(), "SASL_PLAINTEXT",
                KafkaAccess.READER, infra.kafkaPassword(KafkaAccess.READER));
        new DeploymentEventPrinter(out).run(reader, "reader-printer-" + UUID.randomUUID(), () -> {
            long now = System.currentTimeMillis();
            if (firstPrinted[0] == 0 && printed.toString(StandardCharsets.UTF_8).contains(tag)) {
                firstPrinted[0] = now;
            }
            return now < deadline && (firstPrinted[0] == 0 || now < firstPrinted[0] + 2000);
        });

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("payments prod " + tag + " -> HEALTHY: all replicas available");
        assertThat(text.split(tag, -1)).hasSize(2); // printed once although delivered twice
        assertThat(text).contains("skipped an unreadable message");
    }
}
