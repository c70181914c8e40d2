package dev.shipgate.notification.preference.domain;

import dev.shipgate.contracts.identity.UserIds;

import java.util.EnumMap;
import java.util.Map;

/**
 * One person's choices: for each {@link MailKind}, by {@code MAIL}, by {@code CHAT} (their own chat channel, a
 * Slack or Teams incoming webhook they connected) or {@code NONE}; a kind not chosen is mailed. A required kind is
 * never NONE ({@link PreferencePolicy}); chat reaches them too, so it may go by chat.
 */
public record NotificationPreferences(String userId, Map<MailKind, Choice> choices) {

    public enum Choice { MAIL, CHAT, NONE }

    public NotificationPreferences {
        userId = UserIds.canonical(userId);
        choices = choices == null || choices.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(choices));
    }

    /** Nothing chosen: every mail. */
    public static NotificationPreferences defaults(String userId) {
        return new NotificationPreferences(userId, Map.of());
    }

    /**
     * How a message of {@code eventType} reaches this person: as chosen for its kind, by mail when it is of no kind
     * or of a required kind chosen NONE (stored before that was refused).
     */
    public Choice channelFor(String eventType) {
        return MailKind.of(eventType).map(kind -> {
            Choice chosen = choices.getOrDefault(kind, Choice.MAIL);
            return kind.required() && chosen == Choice.NONE ? Choice.MAIL : chosen;
        }).orElse(Choice.MAIL);
    }

    /** Whether any kind goes by chat: then a chat channel must be connected. */
    public boolean usesChat() {
        return choices.containsValue(Choice.CHAT);
    }
}
