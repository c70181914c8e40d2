package dev.shipgate.notification.webhook.application;

import dev.shipgate.notification.delivery.application.Deliveries;
import dev.shipgate.notification.delivery.application.MailQueue;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;

import java.time.Clock;
import java.util.List;

/**
 * Tells a subscription's owner by mail that it was paused, and how to resume it. Sent through the mail delivery log
 * (retried like any mail); its id makes it one mail per pause.
 */
public class PausedWebhookMail {

    static final String EVENT_TYPE = "WebhookPaused";

    private final Deliveries deliveries;
    private final MailQueue queue;
    private final Recipients recipients;
    private final Clock clock;
    private final String uiBaseUrl;

    public PausedWebhookMail(Deliveries deliveries, MailQueue queue, Recipients recipients, Clock clock,
                             String uiBaseUrl) {
        this.deliveries = deliveries;
        this.queue = queue;
        this.recipients = recipients;
        this.clock = clock;
        this.uiBaseUrl = uiBaseUrl;
    }

    public void send(WebhookSubscription paused) {
        recipients.emailOf(paused.owner()).ifPresent(email -> {
            String subject = "Shipgate paused your webhook to " + paused.shownUrl();
            String text = "Shipgate stopped sending to " + paused.shownUrl() + " (subscription " + paused.id() + "): "
                    + paused.pauseReason() + ".\n\nFix the receiver, then resume it: POST "
                    + "/api/notifications/webhooks/" + paused.id() + "/resume. What failed meanwhile is in its "
                    + "delivery log, and can be replayed.\n\n" + uiBaseUrl + "\n";
            String html = "<p>Shipgate stopped sending to <code>" + escape(paused.shownUrl()) + "</code> (subscription "
                    + escape(paused.id()) + "): " + escape(paused.pauseReason()) + ".</p><p>Fix the receiver, then "
                    + "resume it: <code>POST /api/notifications/webhooks/" + escape(paused.id())
                    + "/resume</code>. What failed meanwhile is in its delivery log, and can be replayed.</p>";
            String eventId = "webhook-paused:" + paused.id() + ":" + clock.instant().toEpochMilli();
            Delivery mail = queue.claim(Delivery.pending(eventId, EVENT_TYPE, paused.owner(), email, subject, html,
                    text, clock.instant()));
            if (deliveries.add(mail)) {
                queue.sendSoon(List.of(mail));
            }
        });
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
