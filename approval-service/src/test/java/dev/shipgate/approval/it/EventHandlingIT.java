package dev.shipgate.approval.it;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.PipelineImage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventHandlingIT extends ApprovalServiceTestBase {

    @Test
    void a_deploy_request_delivered_twice_is_decided_once() throws InterruptedException {
        String pipeline = pipeline("dev", 0, List.of(), true);
        String deploymentId = "dp-" + UUID.randomUUID();
        EventEnvelope<DeploymentRequested> request = EventEnvelope.of("/shipgate/test", Instant.now(), null,
                new DeploymentRequested(deploymentId, new PipelineImage(pipeline, "payments", "dev", "sha256:1234abcd",
                        "0.1.0"), "alice", null));

        topics.publish(request);
        topics.publish(request);
        topics.await(DeploymentAuthorized.class, e -> e.deploymentId().equals(deploymentId));
        Thread.sleep(1500);

        assertThat(topics.events(DeploymentAuthorized.class, e -> e.deploymentId().equals(deploymentId))).hasSize(1);
        assertThat(topics.events(DeploymentRejected.class, e -> e.deploymentId().equals(deploymentId))).isEmpty();
    }

    /**
     * The trace of the request that caused an event goes on in the events its consumers publish: the decision on a
     * deploy request carries the request's trace id (W3C trace context, the {@code traceparent} header).
     */
    @Test
    void an_event_published_because_of_a_consumed_event_carries_its_trace() {
        String pipeline = pipeline("dev", 0, List.of(), true);
        String deploymentId = "dp-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        topics.publish(EventEnvelope.of("/shipgate/test", Instant.now(), "00-" + traceId + "-00f067aa0ba902b7-01",
                new DeploymentRequested(deploymentId, new PipelineImage(pipeline, "payments", "dev", "sha256:5678abcd",
                        "0.1.0"), "alice", null)));

        topics.await(DeploymentAuthorized.class, e -> e.deploymentId().equals(deploymentId));
        String traceparent = topics.envelopes(DeploymentAuthorized.class, e -> e.deploymentId().equals(deploymentId))
                .get(0).traceparent();
        assertThat(traceparent).startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void unreadable_messages_are_parked_and_the_consumer_goes_on() {
        String key = "bad-" + UUID.randomUUID();
        topics.send(new ProducerRecord<>(Topics.DEPLOYMENTS, key, "][".getBytes(StandardCharsets.UTF_8)));
        var wrongShape = EventEnvelope.of("/shipgate/test", Instant.now(), null, new DeploymentRequested("dp-x",
                new PipelineImage("p", "a", "e", "d", "t"), "alice", null));
        var record = dev.shipgate.contracts.KafkaEventCodec.toRecord(wrongShape);
        topics.send(new ProducerRecord<>(record.topic(), null, key, "{\"deploymentId\":[1,2]}"
                .getBytes(StandardCharsets.UTF_8), record.headers()));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> topics.records(
                Topics.deadLetterOf(Topics.DEPLOYMENTS)).stream().filter(r -> key.equals(r.key())).count() == 2);

        String pipeline = pipeline("dev", 0, List.of(), true);
        String after = "dp-" + UUID.randomUUID();
        topics.publish(new DeploymentRequested(after, new PipelineImage(pipeline, "payments", "dev", "sha256:99",
                "0.2.0"), "alice", null));
        topics.await(DeploymentAuthorized.class, e -> e.deploymentId().equals(after));
    }
}
