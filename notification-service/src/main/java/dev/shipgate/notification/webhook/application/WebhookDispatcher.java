package dev.shipgate.notification.webhook.application;

import dev.shipgate.notification.delivery.application.HeldMails;
import dev.shipgate.notification.webhook.domain.WebhookDelivery;
import dev.shipgate.notification.webhook.domain.WebhookDelivery.RetryPolicy;
import dev.shipgate.notification.webhook.domain.WebhookSignature;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the webhook and chat deliveries that are due, retrying failures with doubling pauses up to a cap, then
 * FAILED with the reason. Several instances share the work: each due delivery is claimed first by a conditional
 * update that pushes its next attempt past {@code claimDuration} (one of two claimers wins; if the winner dies, the
 * delivery is due again when the claim ends). A subscription whose deliveries FAILED {@code pauseAfter} times in a
 * row is PAUSED and its owner mailed once; its pending deliveries then FAIL without an attempt.
 * <p>
 * Every attempt is signed afresh (Standard Webhooks: {@code webhook-id} stays the message's, {@code
 * webhook-timestamp} is now) and its URL checked again against the address policy (DNS rebinding).
 */
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Deliveries read per pass; a pass that attempted this many reads again. */
    public static final int BATCH = 50;

    private final WebhookDeliveries deliveries;
    private final WebhookSubscriptions subscriptions;
    private final WebhookSender sender;
    private final Destinations destinations;
    private final PausedWebhookMail pausedMail;
    private final HeldMails heldMails;
    private final Clock clock;
    private final RetryPolicy retry;
    private final int pauseAfter;
    private final Duration claimDuration;

    /**
     * @param heldMails     the mails kept while messages went to people's own chats: sent when such a delivery
     *                      fails for good or is dropped
     * @param claimDuration how long a delivery being sent is due to no other instance: above the sender's timeout
     */
    public WebhookDispatcher(WebhookDeliveries deliveries, WebhookSubscriptions subscriptions, WebhookSender sender,
                             Destinations destinations, PausedWebhookMail pausedMail, HeldMails heldMails,
                             Clock clock, RetryPolicy retry, int pauseAfter, Duration claimDuration) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.destinations = destinations;
        this.pausedMail = pausedMail;
        this.heldMails = heldMails;
        this.clock = clock;
        this.retry = retry;
        this.pauseAfter = pauseAfter;
        this.claimDuration = claimDuration;
    }

    /** Sends what is due now; returns how many were attempted by this instance. Not thread-safe. */
    public int dispatchDue() {
        int attempted = 0;
        List<WebhookDelivery> due = deliveries.due(clock.instant(), BATCH);
        for (WebhookDelivery delivery : due) {
            // whole milliseconds, as the database keeps them: the outcome's write finds the claim by its exact time
            WebhookDelivery claimed = delivery.claimedUntil(clock.instant().plus(claimDuration)
                    .truncatedTo(ChronoUnit.MILLIS));
            if (deliveries.claim(delivery, claimed)) {
                attempt(claimed);
                attempted++;
            }
        }
        return attempted;
    }

    private void attempt(WebhookDelivery claimed) {
        Optional<WebhookSubscription> found = subscriptions.find(claimed.subscriptionId());
        if (found.isEmpty()) {
            record(claimed.abandoned("the subscription was deleted", clock.instant()), claimed);
            mailInsteadOfChat(claimed);
            return;
        }
        WebhookSubscription subscription = found.get();
        if (subscription.status() == WebhookSubscription.Status.PAUSED) {
            record(claimed.abandoned("the subscription is paused: " + subscription.pauseReason(), clock.instant()),
                    claimed);
            mailInsteadOfChat(claimed);
            return;
        }
        URI url = URI.create(subscription.url());
        WebhookSender.Outcome outcome = destinations.refusal(url).map(reason -> new WebhookSender.Outcome(0, reason))
                .orElseGet(() -> send(url, subscription, claimed));
        Instant now = clock.instant();
        if (outcome.succeeded()) {
            record(claimed.sent(outcome.status(), now), claimed);
            subscriptions.succeeded(subscription.id());
            return;
        }
        WebhookDelivery next = personalChannelGone(subscription, outcome)
                ? claimed.failedForGood(outcome.status(), outcome.error(), now)
                : claimed.attemptFailed(outcome.status(), outcome.error(), now, retry);
        record(next, claimed);
        log.warn("webhook delivery {} attempt {} failed: {}", claimed.id(), next.attempts(), outcome.error());
        if (next.status() != WebhookDelivery.Status.FAILED) {
            return;
        }
        mailInsteadOfChat(claimed);
        if (subscriptions.failed(subscription.id(), pauseAfter,
                pauseAfter + " deliveries in a row failed, the last: " + outcome.error())) {
            pausedMail.send(subscriptions.find(subscription.id()).orElse(subscription));
        }
    }

    /**
     * Whether a person's own chat answered that it is gone (a revoked or deleted Slack or Teams webhook answers 4xx:
     * 403, 404, 410): no retry then, so that its mail goes out at once rather than after the retries' ten minutes. A
     * timeout (408), too many requests (429) or a 5xx is tried again. Subscribed webhooks keep every retry: their
     * owner may be fixing the receiver.
     */
    private static boolean personalChannelGone(WebhookSubscription subscription, WebhookSender.Outcome outcome) {
        int status = outcome.status();
        return PersonalChannels.isChannel(subscription.id()) && status >= 400 && status < 500 && status != 408
                && status != 429;
    }

    /** A message for someone's own chat that will not get there: its mail, held until now, goes out instead. */
    private void mailInsteadOfChat(WebhookDelivery givenUp) {
        if (PersonalChannels.isChannel(givenUp.subscriptionId())
                && heldMails.release(givenUp.messageId(), givenUp.owner())) {
            log.info("chat delivery {} given up: mailed instead", givenUp.id());
        }
    }

    private WebhookSender.Outcome send(URI url, WebhookSubscription subscription, WebhookDelivery delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", subscription.format() == WebhookSubscription.Format.CLOUDEVENTS
                ? "application/cloudevents+json; charset=utf-8" : "application/json; charset=utf-8");
        headers.put("webhook-id", delivery.messageId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.sign(subscription.secret(), delivery.messageId(), timestamp,
                body));
        return sender.post(url, headers, body);
    }

    private void record(WebhookDelivery outcome, WebhookDelivery claimed) {
        if (!deliveries.update(outcome, claimed)) {
            log.warn("webhook delivery {}: its claim ran out before the outcome was recorded", outcome.id());
        }
    }
}
