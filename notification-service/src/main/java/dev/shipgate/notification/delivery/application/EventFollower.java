package dev.shipgate.notification.delivery.application;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;

/**
 * Another feature that follows approval or deployment events (reminders follow who has still to act, webhooks send
 * them on): handed each event it {@link #follows} once, by the same consumer (and its record of applied events) as
 * the mail, so each event is read and decoded once per service.
 */
public interface EventFollower {

    boolean follows(EventPayload data);

    void follow(EventEnvelope<? extends EventPayload> event);
}
