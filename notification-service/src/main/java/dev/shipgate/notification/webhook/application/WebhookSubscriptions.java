package dev.shipgate.notification.webhook.application;

import dev.shipgate.notification.webhook.domain.WebhookSubscription;

import java.util.List;
import java.util.Optional;

/** Where webhook and chat subscriptions are kept. Counters and status change atomically per subscription. */
public interface WebhookSubscriptions {

    void add(WebhookSubscription subscription);

    /** Creates or replaces the subscription with this id in one write: of two at once, one stays, neither fails. */
    void put(WebhookSubscription subscription);

    Optional<WebhookSubscription> find(String id);

    /** Every subscription of {@code owner}, or of everyone when null; the newest first. */
    List<WebhookSubscription> owned(String owner);

    /** The ACTIVE subscriptions, which new events are matched against. */
    List<WebhookSubscription> active();

    boolean remove(String id);

    /** A delivery succeeded: the failures in a row start again from zero. */
    void succeeded(String id);

    /**
     * A delivery FAILED: counts it, and PAUSES the subscription with {@code reason} if that makes {@code pauseAfter}
     * in a row. True only for the one call that paused it (so its owner is told once).
     */
    boolean failed(String id, int pauseAfter, String reason);

    /** ACTIVE again with no failures counted; false when it does not exist. */
    boolean resume(String id);
}
