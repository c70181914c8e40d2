package dev.shipgate.notification.delivery.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One email for one event and one recipient. Its id ({@code eventId:recipient}) makes it exist once however often
 * the event arrives; it is PENDING until the SMTP server takes it, retried with growing pauses, and FAILED with the
 * reason after the last attempt. A dispatcher claims it before sending by pushing its next attempt forward to the end
 * of its claim ({@link #claimedUntil}): until then it is due to no other instance, and after, if its claimer died
 * without recording an outcome, it is due again.
 */
public record Delivery(String id, String eventId, String eventType, String recipient, String email,
                       String subject, String html, String text, DeliveryStatus status, int attempts,
                       String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt) {

    public static Delivery pending(String eventId, String eventType, String recipient, String email,
                                   String subject, String html, String text, Instant now) {
        return new Delivery(eventId + ":" + recipient, eventId, eventType, recipient, email, subject, html, text,
                DeliveryStatus.PENDING, 0, null, now, now, null);
    }

    /**
     * As {@link #pending}, but HELD: the message went to the recipient's own chat, and this mail is sent only if that
     * chat delivery fails ({@link #released}); due to no one until then.
     */
    public static Delivery held(String eventId, String eventType, String recipient, String email, String subject,
                                String html, String text, Instant now) {
        return new Delivery(eventId + ":" + recipient, eventId, eventType, recipient, email, subject, html, text,
                DeliveryStatus.HELD, 0, null, now, null, null);
    }

    /** A HELD mail sent after all: PENDING and due {@code now}. */
    public Delivery released(Instant now) {
        return new Delivery(id, eventId, eventType, recipient, email, subject, html, text, DeliveryStatus.PENDING,
                attempts, lastError, createdAt, now, sentAt);
    }

    /** The same delivery, due to no one until {@code until} (a dispatcher is sending it). */
    public Delivery claimedUntil(Instant until) {
        return new Delivery(id, eventId, eventType, recipient, email, subject, html, text, status, attempts,
                lastError, createdAt, until, sentAt);
    }

    public Delivery sent(Instant now) {
        return new Delivery(id, eventId, eventType, recipient, email, subject, html, text, DeliveryStatus.SENT,
                attempts + 1, null, createdAt, null, now);
    }

    /** Another try later (pause doubling from {@code firstPause}), or FAILED once {@code maxAttempts} are spent. */
    public Delivery attemptFailed(String error, Instant now, int maxAttempts, Duration firstPause) {
        int made = attempts + 1;
        if (made >= maxAttempts) {
            return new Delivery(id, eventId, eventType, recipient, email, subject, html, text, DeliveryStatus.FAILED,
                    made, error, createdAt, null, null);
        }
        Duration pause = firstPause.multipliedBy(1L << Math.min(made - 1, 10));
        return new Delivery(id, eventId, eventType, recipient, email, subject, html, text, DeliveryStatus.PENDING,
                made, error, createdAt, now.plus(pause), null);
    }
}
