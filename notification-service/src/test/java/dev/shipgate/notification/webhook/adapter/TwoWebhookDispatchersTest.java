package dev.shipgate.notification.webhook.adapter;

import com.mongodb.client.MongoClients;
import dev.shipgate.notification.webhook.application.Destinations;
import dev.shipgate.notification.webhook.application.WebhookDispatcher;
import dev.shipgate.notification.webhook.application.WebhookSender;
import dev.shipgate.notification.webhook.domain.AddressPolicy;
import dev.shipgate.notification.webhook.domain.WebhookDelivery;
import dev.shipgate.notification.webhook.domain.WebhookDelivery.RetryPolicy;
import dev.shipgate.notification.webhook.domain.WebhookSecret;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two webhook dispatchers, as two instances of notification-service run them, over one real database (the embedded
 * MongoDB-compatible server as a process): each delivery is attempted by one of them, once; and of many failures
 * counted at once, one pauses the subscription (so its owner is mailed once).
 */
class TwoWebhookDispatchersTest {

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()),
            "two-webhook-dispatchers-" + UUID.randomUUID());
    private final MongoWebhookDeliveries deliveries = new MongoWebhookDeliveries(mongo);
    private final MongoWebhookSubscriptions subscriptions = new MongoWebhookSubscriptions(mongo,
            new ShortLivedCache<>(Duration.ZERO, clock), SealedSecrets.fresh("test"));
    private final Map<String, List<String>> posts = new ConcurrentHashMap<>();

    @Test
    void two_dispatchers_passing_at_once_post_each_delivery_once() throws Exception {
        WebhookSubscription subscription = subscription();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 70; i++) { // more than one batch
            WebhookDelivery delivery = WebhookDelivery.pending(subscription.id(), "alice", "ev-" + i,
                    "ApprovalRequested", "{\"n\":" + i + "}", clock.instant());
            deliveries.add(delivery);
            ids.add(delivery.id());
        }
        WebhookDispatcher a = dispatcher("a");
        WebhookDispatcher b = dispatcher("b");

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<Integer>> passes = List.of(
                        threads.submit(() -> { together.await(); return a.dispatchDue(); }),
                        threads.submit(() -> { together.await(); return b.dispatchDue(); }));
                for (Future<Integer> pass : passes) {
                    pass.get();
                }
            }
        } finally {
            threads.shutdownNow();
        }

        for (int i = 0; i < ids.size(); i++) {
            assertThat(posts.get("ev-" + i)).as("posts of ev-" + i).hasSize(1);
            assertThat(deliveries.find(ids.get(i)).orElseThrow().status()).isEqualTo(WebhookDelivery.Status.SENT);
        }
        assertThat(posts.values().stream().flatMap(List::stream).distinct()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void of_many_failures_counted_at_once_exactly_one_pauses_the_subscription() throws Exception {
        WebhookSubscription subscription = subscription();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CyclicBarrier together = new CyclicBarrier(8);
        List<Future<Boolean>> counted = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            counted.add(threads.submit(() -> {
                together.await();
                return subscriptions.failed(subscription.id(), 3, "down");
            }));
        }
        int paused = 0;
        for (Future<Boolean> one : counted) {
            paused += one.get() ? 1 : 0;
        }
        threads.shutdownNow();

        assertThat(paused).isEqualTo(1);
        WebhookSubscription now = subscriptions.find(subscription.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(WebhookSubscription.Status.PAUSED);
        assertThat(now.consecutiveFailures()).isEqualTo(8);
        assertThat(now.pauseReason()).isEqualTo("down");
        assertThat(subscriptions.active()).noneMatch(s -> s.id().equals(subscription.id()));
    }

    private WebhookSubscription subscription() {
        WebhookSubscription subscription = new WebhookSubscription(UUID.randomUUID().toString(), "alice", "pl-1",
                null, List.of(), "https://receiver.test/hook", WebhookSubscription.Format.CLOUDEVENTS,
                WebhookSecret.generate(), WebhookSubscription.Status.ACTIVE, 0, null, clock.instant());
        subscriptions.add(subscription);
        return subscription;
    }

    private WebhookDispatcher dispatcher(String instance) {
        WebhookSender sender = (url, headers, body) -> {
            posts.computeIfAbsent(headers.get("webhook-id"), id -> new CopyOnWriteArrayList<>()).add(instance);
            return new WebhookSender.Outcome(204, null);
        };
        Destinations destinations = new Destinations(new AddressPolicy(List.of()),
                host -> List.of(publicAddress()));
        return new WebhookDispatcher(deliveries, subscriptions, sender, destinations, null, null, clock,
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5)), 5, Duration.ofSeconds(15));
    }

    private static InetAddress publicAddress() {
        try {
            return InetAddress.getByName("93.184.215.14");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
