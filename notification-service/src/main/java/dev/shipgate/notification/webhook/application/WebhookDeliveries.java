package dev.shipgate.notification.webhook.application;

import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.notification.webhook.domain.WebhookDelivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The delivery log of webhooks and chat messages, which is also their queue. */
public interface WebhookDeliveries {

    /** Stores a new delivery; false when it exists already (the event came again). */
    boolean add(WebhookDelivery delivery);

    /**
     * Writes {@code claimed} if the stored delivery is still PENDING with {@code due}'s attempts and next attempt
     * time: of two dispatchers claiming it at once, one gets true.
     */
    boolean claim(WebhookDelivery due, WebhookDelivery claimed);

    /** Replaces the delivery with its outcome if it is still as {@code claimed} left it; else false. */
    boolean update(WebhookDelivery outcome, WebhookDelivery claimed);

    /** PENDING deliveries due at {@code now}, the longest waiting first. */
    List<WebhookDelivery> due(Instant now, int limit);

    Optional<WebhookDelivery> find(String id);

    /** A subscription's deliveries, newest first. */
    ListPage<WebhookDelivery> of(String subscriptionId, PageAt at);
}
