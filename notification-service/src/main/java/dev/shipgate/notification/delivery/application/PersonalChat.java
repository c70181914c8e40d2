package dev.shipgate.notification.delivery.application;

import dev.shipgate.notification.delivery.domain.Message;

/**
 * A person's own chat channel (issue 19: messages by chat where they chose it): a Slack or Teams incoming webhook
 * they connected, sent to as webhooks are, with their retries, log and pause.
 */
@FunctionalInterface
public interface PersonalChat {

    /**
     * Queues {@code message} for its recipient's chat channel, once per {@code eventId}; false when they have none
     * connected or it is paused, and the message is then mailed instead.
     */
    boolean post(String eventId, String eventType, Message message);

    /** Nobody has a chat channel. */
    static PersonalChat none() {
        return (eventId, eventType, message) -> false;
    }
}
