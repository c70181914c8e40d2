package dev.shipgate.notification.preference.domain;

import dev.shipgate.contracts.identity.UserIds;

import java.util.EnumMap;
import java.util.Map;

/**
 * One person's choices: for each {@link MailKind}, {@code MAIL} or {@code NONE}; a kind not chosen is mailed.
 * Chat messages go to channels configured per pipeline (webhooks), not to people, so they are no person's choice.
 */
public record NotificationPreferences(String userId, Map<MailKind, Choice> choices) {

    public enum Choice { MAIL, NONE }

    public NotificationPreferences {
        userId = UserIds.canonical(userId);
        choices = choices == null || choices.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(choices));
    }

    /** Nothing chosen: every mail. */
    public static NotificationPreferences defaults(String userId) {
        return new NotificationPreferences(userId, Map.of());
    }

    /** Whether mail of {@code eventType} goes to this person: always when required or not a chosen kind. */
    public boolean wantsMail(String eventType) {
        return MailKind.of(eventType)
                .map(kind -> kind.required() || choices.getOrDefault(kind, Choice.MAIL) == Choice.MAIL)
                .orElse(true);
    }
}
