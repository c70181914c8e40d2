package dev.shipgate.notification.delivery.application;

/**
 * How a person wants the messages of an event type: by mail, in their own chat channel, or not at all (their
 * notification preferences, issue 19).
 */
@FunctionalInterface
public interface DeliveryRoutes {

    enum Route { MAIL, CHAT, NONE }

    Route routeOf(String userId, String eventType);

    /** Everyone gets every message by mail. */
    static DeliveryRoutes mailEverything() {
        return (userId, eventType) -> Route.MAIL;
    }
}
