package dev.shipgate.notification.webhook.adapter;

import com.mongodb.client.MongoClients;
import dev.shipgate.notification.webhook.domain.WebhookSecret;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ACTIVE subscriptions are matched against every event, so they are read once per cache lifetime; every change
 * made through the store is seen at the next event, and one written by another instance within the lifetime.
 */
class CachedActiveSubscriptionsTest {

    private static final Duration LIFETIME = Duration.ofSeconds(2);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()),
            "cached-subscriptions-" + UUID.randomUUID());
    private final SealedSecrets secrets = SealedSecrets.fresh("test");
    private final MongoWebhookSubscriptions here = new MongoWebhookSubscriptions(mongo,
            new ShortLivedCache<>(LIFETIME, clock), secrets);
    private final MongoWebhookSubscriptions otherInstance = new MongoWebhookSubscriptions(mongo,
            new ShortLivedCache<>(LIFETIME, clock), secrets);

    @Test
    void changes_made_here_are_seen_at_once() {
        assertThat(here.active()).isEmpty();
        WebhookSubscription added = subscription();
        here.add(added);
        assertThat(ids(here.active())).containsExactly(added.id());

        assertThat(here.failed(added.id(), 1, "HTTP 500")).isTrue();
        assertThat(here.active()).isEmpty();

        assertThat(here.resume(added.id())).isTrue();
        assertThat(ids(here.active())).containsExactly(added.id());

        assertThat(here.remove(added.id())).isTrue();
        assertThat(here.active()).isEmpty();
    }

    @Test
    void a_change_made_by_another_instance_is_seen_within_the_cache_lifetime() {
        assertThat(here.active()).isEmpty();
        WebhookSubscription added = subscription();
        otherInstance.add(added);

        assertThat(here.active()).as("read again only after its lifetime").isEmpty();
        clock.step(LIFETIME);
        assertThat(ids(here.active())).containsExactly(added.id());
    }

    private WebhookSubscription subscription() {
        return new WebhookSubscription(UUID.randomUUID().toString(), "alice", "pl-1", null, List.of(),
                "https://receiver.test/hook", WebhookSubscription.Format.CLOUDEVENTS, WebhookSecret.generate(),
                WebhookSubscription.Status.ACTIVE, 0, null, clock.instant());
    }

    private static List<String> ids(List<WebhookSubscription> subscriptions) {
        return subscriptions.stream().map(WebhookSubscription::id).toList();
    }
}
