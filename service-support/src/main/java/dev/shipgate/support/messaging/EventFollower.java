package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;

/**
 * A feature that follows the events another feature's consumer reads (notification-service: reminders and webhooks
 * beside the mail; deploy-service: scheduled deploys beside the AUTOMATIC starts): handed each event it
 * {@link #follows} once, by that consumer and its record of applied events, so each event is read and decoded once
 * per service.
 */
public interface EventFollower {

    boolean follows(EventPayload data);

    void follow(EventEnvelope<? extends EventPayload> event);
}
