package dev.shipgate.approval.it;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.testing.Http;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead-letter admin API: see what was parked and why, and put a message back once, as a super admin only. */
class DeadLetterIT extends ApprovalServiceTestBase {

    private static final String IMAGES_DLT = Topics.deadLetterOf(Topics.IMAGES);

    @Test
    void a_super_admin_sees_a_parked_message_with_its_reason_and_others_are_refused() {
        String key = "garbage-" + UUID.randomUUID();
        topics.send(new ProducerRecord<>(Topics.IMAGES, key, "{not json <script>".getBytes(StandardCharsets.UTF_8)));

        JsonNode letter = awaitLetter(key);
        assertThat(letter.path("reason").asString()).isNotBlank();
        assertThat(letter.path("body").asString()).isEqualTo("{not json <script>");
        JsonNode summary = http().get("dave", "/api/admin/dead-letters").json();
        assertThat(summary.findValuesAsString("topic")).contains(IMAGES_DLT);

        assertThat(http().get("alice", "/api/admin/dead-letters").reason()).isEqualTo("SUPER_ADMIN_ONLY");
        assertThat(http().get("mona", "/api/admin/dead-letters/" + IMAGES_DLT + "/0").reason())
                .isEqualTo("SUPER_ADMIN_ONLY");
        assertThat(http().get("dave", "/api/admin/dead-letters/shipgate.nothing.v1.dlt/0").reason())
                .isEqualTo("NO_SUCH_TOPIC");
        assertThat(http().get("dave", "/api/admin/dead-letters/..%2F..%2Fetc/0").status()).isBetween(400, 404);
        assertThat(http().post("dave", "/api/admin/dead-letters/" + IMAGES_DLT + "/0/999999/replay", null)
                .reason()).isEqualTo("NO_SUCH_MESSAGE");
        assertThat(http().get("dave", "/api/admin/dead-letters/" + IMAGES_DLT + "/999").reason())
                .isEqualTo("NO_SUCH_PARTITION");
    }

    @Test
    void a_message_parked_by_a_passing_fault_is_replayed_once_and_applied() {
        String pipeline = pipeline("replay", 1, List.of(), false);
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        var parked = KafkaEventCodec.toRecord(EventEnvelope.of("/shipgate/test", Instant.now(), null,
                new ImageBuilt(digest, "registry.local/payments", "9.9.9", "abc", "payments", "ci-bot",
                        Instant.now())));
        topics.send(new ProducerRecord<>(IMAGES_DLT, null, digest, parked.value(), parked.headers()));
        JsonNode letter = awaitLetter(digest);

        String replayPath = "/api/admin/dead-letters/" + IMAGES_DLT + "/" + letter.path("partition").asInt() + "/"
                + letter.path("offset").asLong() + "/replay";
        assertThat(http().post("alice", replayPath, null).reason()).isEqualTo("SUPER_ADMIN_ONLY");
        Http.Response replayed = http().post("dave", replayPath, null);
        assertThat(replayed.status()).isEqualTo(202);
        assertThat(replayed.json().path("republishedTo").asString()).isEqualTo(Topics.IMAGES);
        awaitImage(pipeline, digest);
        assertThat(http().post("dave", replayPath, null).reason()).isEqualTo("ALREADY_REPLAYED");
    }

    @Test
    void a_letter_of_a_topic_another_service_owns_is_shown_but_not_put_back() {
        String key = "garbage-" + UUID.randomUUID();
        String deploymentsDlt = Topics.deadLetterOf(Topics.DEPLOYMENTS);
        topics.send(new ProducerRecord<>(Topics.DEPLOYMENTS, key, "{not json".getBytes(StandardCharsets.UTF_8)));
        JsonNode letter = awaitLetter(deploymentsDlt, key);

        Http.Response replayed = http().post("dave", "/api/admin/dead-letters/" + deploymentsDlt + "/"
                + letter.path("partition").asInt() + "/" + letter.path("offset").asLong() + "/replay", null);
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(replayed.reason()).isEqualTo("NOT_OWN_TOPIC");
    }

    private JsonNode awaitLetter(String key) {
        return awaitLetter(IMAGES_DLT, key);
    }

    /** The letter with this key, from whichever partition of the dead-letter topic it went to. */
    private JsonNode awaitLetter(String deadLetterTopic, String key) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode topic : http().get("dave", "/api/admin/dead-letters").json()) {
                if (!topic.path("topic").asString().equals(deadLetterTopic)) {
                    continue;
                }
                for (int partition = 0; partition < topic.path("partitions").asInt(); partition++) {
                    for (JsonNode letter : http().get("dave", "/api/admin/dead-letters/" + deadLetterTopic + "/"
                            + partition + "?limit=200").json()) {
                        if (key.equals(letter.path("key").asString())) {
                            found[0] = letter;
                            return true;
                        }
                    }
                }
            }
            return false;
        });
        return found[0];
    }
}
