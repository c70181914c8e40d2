package dev.shipgate.notification.delivery.application;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;

/**
 * Another feature that follows approval events (reminders follow who has still to act): handed each event it
 * {@link #follows} once, by the same consumer (and its record of applied events) as the mail.
 */
public interface ApprovalFollower {

    boolean follows(EventPayload data);

    void follow(EventEnvelope<? extends EventPayload> event);
}
