package dev.shipgate.notification.delivery.application;

/** Whether a person wants mail of an event type (their notification preferences); mail goes out unless they do not. */
@FunctionalInterface
public interface MailChoices {

    boolean wantsMail(String userId, String eventType);

    /** Everyone gets every mail. */
    static MailChoices everything() {
        return (userId, eventType) -> true;
    }
}
