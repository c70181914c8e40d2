package dev.shipgate.notification.webhook.adapter;

import com.mongodb.client.MongoClients;
import dev.shipgate.notification.webhook.domain.WebhookSecret;
import dev.shipgate.notification.webhook.domain.WebhookSignature;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.testing.SteppingClock;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 19: webhook signing secrets are sealed at rest with a key from the environment (here made by the test), the
 * stored document holds neither the secret nor its key bytes, and what is read back signs exactly as the secret shown
 * once does. Keys rotate by id; a secret stored in plain form before sealing is sealed at the next start.
 */
class SealedWebhookSecretsTest {

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()),
            "sealed-secrets-" + UUID.randomUUID());
    private final SealedSecrets k1 = SealedSecrets.fresh("k1");
    private final SealedSecrets k2 = SealedSecrets.fresh("k2");

    @Test
    void the_stored_document_holds_no_plain_secret_and_the_secret_read_back_signs_the_same() {
        WebhookSubscription shownOnce = subscription();
        store(k1).add(shownOnce);

        String stored = storedSecret(shownOnce.id());
        assertThat(stored).startsWith("sealed:v1:k1:").doesNotContain(shownOnce.secret())
                .doesNotContain(shownOnce.secret().substring("whsec_".length()));
        WebhookSubscription read = store(k1).find(shownOnce.id()).orElseThrow();
        byte[] body = "{\"id\":\"ev-1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.sign(read.secret(), "ev-1", 1_764_583_200L, body))
                .isEqualTo(WebhookSignature.sign(shownOnce.secret(), "ev-1", 1_764_583_200L, body));
        assertThat(store(k1).active()).extracting(WebhookSubscription::secret).containsExactly(shownOnce.secret());
    }

    @Test
    void a_rotation_seals_again_with_the_new_key_and_the_old_key_is_then_no_longer_needed() {
        WebhookSubscription sub = subscription();
        store(k1).add(sub);

        assertThatThrownBy(() -> store(k2).find(sub.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("k1");
        assertThat(store(k2.then(k1)).resealAll()).isEqualTo(1);
        assertThat(storedSecret(sub.id())).startsWith("sealed:v1:k2:");
        assertThat(store(k2).find(sub.id()).orElseThrow().secret()).isEqualTo(sub.secret());
        assertThat(store(k2).resealAll()).isZero();
    }

    @Test
    void a_secret_stored_in_plain_form_before_sealing_is_sealed_at_the_next_start() {
        WebhookSubscription old = subscription();
        mongo.insert(old, MongoWebhookSubscriptions.COLLECTION);

        assertThat(store(k1).find(old.id()).orElseThrow().secret()).isEqualTo(old.secret());
        assertThat(store(k1).resealAll()).isEqualTo(1);
        assertThat(storedSecret(old.id())).startsWith("sealed:v1:k1:").doesNotContain(old.secret());
        assertThat(store(k1).find(old.id()).orElseThrow().secret()).isEqualTo(old.secret());
    }

    @Test
    void a_sealed_secret_moved_onto_another_subscription_or_changed_does_not_open() {
        WebhookSubscription first = subscription();
        WebhookSubscription second = subscription();
        MongoWebhookSubscriptions store = store(k1);
        store.add(first);
        store.add(second);
        String sealed = storedSecret(first.id());

        setStoredSecret(second.id(), sealed);
        assertThatThrownBy(() -> store.find(second.id())).isInstanceOf(IllegalStateException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("sealed:v1:k1:".length()));
        bytes[bytes.length - 1] ^= 1;
        setStoredSecret(first.id(), "sealed:v1:k1:" + Base64.getEncoder().encodeToString(bytes));
        assertThatThrownBy(() -> store.find(first.id())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keys_come_as_id_and_base64_of_32_bytes_and_a_wrong_setting_stops_the_start() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(SealedSecrets.of("new:" + key + ", old:" + key).seal("s", "x")).startsWith("sealed:v1:new:");
        assertThatThrownBy(() -> SealedSecrets.of("nokeyid")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedSecrets.of("k:" + Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedSecrets.derivedFrom("short")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SealedSecrets.derivedFrom("a-token-secret-of-more-than-32-bytes-abc").seal("s", "x"))
                .startsWith("sealed:v1:derived-");
    }

    private MongoWebhookSubscriptions store(SealedSecrets secrets) {
        return new MongoWebhookSubscriptions(mongo, new ShortLivedCache<>(Duration.ZERO, clock), secrets);
    }

    private String storedSecret(String id) {
        return mongo.getCollection(MongoWebhookSubscriptions.COLLECTION).find(new Document("_id", id)).first()
                .getString("secret");
    }

    private void setStoredSecret(String id, String value) {
        mongo.getCollection(MongoWebhookSubscriptions.COLLECTION).updateOne(new Document("_id", id),
                new Document("$set", new Document("secret", value)));
    }

    private WebhookSubscription subscription() {
        return new WebhookSubscription(UUID.randomUUID().toString(), "alice", "pl-1", null, List.of(),
                "https://receiver.test/hook", WebhookSubscription.Format.CLOUDEVENTS, WebhookSecret.generate(),
                WebhookSubscription.Status.ACTIVE, 0, null, clock.instant());
    }
}
