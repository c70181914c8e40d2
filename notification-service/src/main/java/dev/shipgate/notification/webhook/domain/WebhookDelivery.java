package dev.shipgate.notification.webhook.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One event sent to one subscription. Its id ({@code eventId:subscriptionId}) makes it exist once however often the
 * event arrives; a replay is a new delivery ({@code ...:replay:<replay id>}) of the same message, with the same
 * {@code webhook-id} so that the receiver can tell. PENDING until the receiver answers 2xx, retried with doubling
 * pauses up to a cap, FAILED with the last reason after the last attempt. A dispatcher claims it before sending by
 * pushing its next attempt to the end of its claim ({@link #claimedUntil}), as mail deliveries are claimed.
 *
 * @param messageId  the {@code webhook-id} header: the event id, the same for every attempt and replay
 * @param lastStatus the receiver's last HTTP status, 0 when none (timeout, refused address, no connection)
 */
public record WebhookDelivery(String id, String subscriptionId, String owner, String messageId, String eventType,
                              String body, Status status, int attempts, int lastStatus, String lastError,
                              Instant createdAt, Instant nextAttemptAt, Instant finishedAt, String replayOf) {

    public enum Status { PENDING, SENT, FAILED }

    /**
     * How deliveries are retried.
     *
     * @param maxAttempts attempts before FAILED, at least 1
     * @param firstPause  the pause after the first failed attempt, doubled after each further one
     * @param maxPause    the longest pause between two attempts
     */
    public record RetryPolicy(int maxAttempts, Duration firstPause, Duration maxPause) {
    }

    public static WebhookDelivery pending(String subscriptionId, String owner, String eventId, String eventType,
                                          String body, Instant now) {
        return new WebhookDelivery(eventId + ":" + subscriptionId, subscriptionId, owner, eventId, eventType, body,
                Status.PENDING, 0, 0, null, now, now, null, null);
    }

    /** The same message sent again, as a new delivery; {@code replayId} tells replays of one delivery apart. */
    public WebhookDelivery replay(String replayId, Instant now) {
        String original = replayOf == null ? id : replayOf;
        return new WebhookDelivery(original + ":replay:" + replayId, subscriptionId, owner, messageId, eventType, body,
                Status.PENDING, 0, 0, null, now, now, null, original);
    }

    public WebhookDelivery claimedUntil(Instant until) {
        return new WebhookDelivery(id, subscriptionId, owner, messageId, eventType, body, status, attempts, lastStatus,
                lastError, createdAt, until, finishedAt, replayOf);
    }

    public WebhookDelivery sent(int httpStatus, Instant now) {
        return new WebhookDelivery(id, subscriptionId, owner, messageId, eventType, body, Status.SENT, attempts + 1,
                httpStatus, null, createdAt, null, now, replayOf);
    }

    /** FAILED after this attempt, with no more: the answer says another try cannot help. */
    public WebhookDelivery failedForGood(int httpStatus, String error, Instant now) {
        return new WebhookDelivery(id, subscriptionId, owner, messageId, eventType, body, Status.FAILED, attempts + 1,
                httpStatus, error, createdAt, null, now, replayOf);
    }

    /** Given up at once, without an attempt (the subscription is paused or gone). */
    public WebhookDelivery abandoned(String reason, Instant now) {
        return new WebhookDelivery(id, subscriptionId, owner, messageId, eventType, body, Status.FAILED, attempts,
                lastStatus, reason, createdAt, null, now, replayOf);
    }

    /** Another attempt later (pause doubling from the first, at most the cap), or FAILED once all are spent. */
    public WebhookDelivery attemptFailed(int httpStatus, String error, Instant now, RetryPolicy retry) {
        int made = attempts + 1;
        if (made >= retry.maxAttempts()) {
            return new WebhookDelivery(id, subscriptionId, owner, messageId, eventType, body, Status.FAILED, made,
                    httpStatus, error, createdAt, null, now, replayOf);
        }
        Duration pause = retry.firstPause().multipliedBy(1L << Math.min(made - 1, 20));
        if (pause.compareTo(retry.maxPause()) > 0) {
            pause = retry.maxPause();
        }
        return new WebhookDelivery(id, subscriptionId, owner, messageId, eventType, body, Status.PENDING, made,
                httpStatus, error, createdAt, now.plus(pause), null, replayOf);
    }
}
