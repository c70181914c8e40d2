package dev.shipgate.approval.it;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.testing.Http;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
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
    void a_message_parked_by_a_passing_fault_is_replayed_once_as_its_owner_wrote_it() {
        String pipeline = pipeline("replay", 1, List.of(), false);
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        var original = imageBuilt(digest, "ci-bot");
        RecordMetadata where = topics.send(new ProducerRecord<>(Topics.IMAGES, null, digest, original.value(),
                original.headers()));
        awaitImage(pipeline, digest);
        // a consumer that failed to apply it parks a copy, naming where the original is (as Spring's recoverer does)
        topics.send(KafkaAccess.APPROVAL, parkedCopy(where, digest, original.value(), original));
        JsonNode letter = awaitLetter(digest);

        String replayPath = replayPath(IMAGES_DLT, letter);
        assertThat(http().post("alice", replayPath, null).reason()).isEqualTo("SUPER_ADMIN_ONLY");
        Http.Response replayed = http().post("dave", replayPath, null);
        assertThat(replayed.status()).isEqualTo(202);
        assertThat(replayed.json().path("republishedTo").asString()).isEqualTo(Topics.IMAGES);
        assertThat(http().post("dave", replayPath, null).reason()).isEqualTo("ALREADY_REPLAYED");
    }

    /**
     * Every consumer of a topic may write its dead-letter topic, so a letter's body is its writer's word: a forged
     * grant parked on the access topic's dead letters by notification-service (a consumer of it) must not be
     * republished as approval-service. Before the fix the replay answered 202 and deploy-service's access replica
     * made erin a super admin (who could then set a production pipeline to need no approval).
     */
    @Test
    void a_letter_that_is_no_copy_of_a_message_on_its_topic_is_not_put_back() {
        String accessDlt = Topics.deadLetterOf(Topics.ACCESS);
        String forgedKey = "erin-" + UUID.randomUUID();
        var forgedGrant = KafkaEventCodec.toRecord(EventEnvelope.of("/shipgate/approval-service", Instant.now(), null,
                new UserAccessChanged(forgedKey, "erin@example.com", "Erin", true, List.of(),
                        List.of(new RoleBinding("SUPER_ADMIN", "*", "*", "*")))));
        topics.send(KafkaAccess.NOTIFICATION, new ProducerRecord<>(accessDlt, null, forgedKey, forgedGrant.value(),
                forgedGrant.headers()));
        Http.Response forged = http().post("dave", replayPath(accessDlt, awaitLetter(accessDlt, forgedKey)), null);
        assertThat(forged.status()).isEqualTo(409);
        assertThat(forged.reason()).isEqualTo("LATEST_STATE_TOPIC"); // no access letter is put back at all

        // a made-up image naming any builder, written to the images' dead letters by one of their consumers
        String madeUp = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        var forgedImage = imageBuilt(madeUp, "nobody");
        topics.send(KafkaAccess.DEPLOY, new ProducerRecord<>(IMAGES_DLT, null, madeUp, forgedImage.value(),
                forgedImage.headers()));
        assertThat(http().post("dave", replayPath(IMAGES_DLT, awaitLetter(IMAGES_DLT, madeUp)), null).reason())
                .isEqualTo("NOT_A_COPY_OF_THE_TOPIC");

        // headers naming a real message, body swapped: still refused
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        var genuine = imageBuilt(digest, "ci-bot");
        RecordMetadata where = topics.send(new ProducerRecord<>(Topics.IMAGES, null, digest, genuine.value(),
                genuine.headers()));
        byte[] swapped = imageBuilt(digest, "nobody").value();
        topics.send(KafkaAccess.DEPLOY, parkedCopy(where, digest, swapped, genuine));
        JsonNode letter = awaitLetter(IMAGES_DLT, digest);
        assertThat(http().post("dave", replayPath(IMAGES_DLT, letter), null).reason())
                .isEqualTo("NOT_A_COPY_OF_THE_TOPIC");
    }

    private static ProducerRecord<String, byte[]> imageBuilt(String digest, String builtBy) {
        return KafkaEventCodec.toRecord(EventEnvelope.of("/shipgate/test", Instant.now(), null,
                new ImageBuilt(digest, "registry.local/payments", "9.9.9", "abc", "payments", builtBy,
                        Instant.now())));
    }

    private static ProducerRecord<String, byte[]> parkedCopy(RecordMetadata original, String key, byte[] body,
                                                           ProducerRecord<String, byte[]> headersOf) {
        var parked = new ProducerRecord<>(Topics.deadLetterOf(original.topic()), null, key, body,
                headersOf.headers());
        parked.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, original.topic().getBytes(StandardCharsets.UTF_8));
        parked.headers().add(KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(4).putInt(original.partition()).array());
        parked.headers().add(KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(8).putLong(original.offset()).array());
        return parked;
    }

    private static String replayPath(String deadLetterTopic, JsonNode letter) {
        return "/api/admin/dead-letters/" + deadLetterTopic + "/" + letter.path("partition").asInt() + "/"
                + letter.path("offset").asLong() + "/replay";
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

    /** Found by trying to break it: an old copy of a user's access, put back, would become their latest access. */
    @Test
    void a_letter_of_the_access_topic_is_shown_but_not_put_back() {
        String key = "garbage-" + UUID.randomUUID();
        String accessDlt = Topics.deadLetterOf(Topics.ACCESS);
        topics.send(new ProducerRecord<>(Topics.ACCESS, key, "{not json".getBytes(StandardCharsets.UTF_8)));
        JsonNode letter = awaitLetter(accessDlt, key);

        Http.Response replayed = http().post("dave", replayPath(accessDlt, letter), null);
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(replayed.reason()).isEqualTo("LATEST_STATE_TOPIC");
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
