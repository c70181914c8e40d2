package dev.shipgate.notification.preference.domain;

import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.contracts.refusal.Refusal;

import java.util.Map;
import java.util.Optional;

/**
 * Who may read and change a person's notification preferences (the person, or a super admin), and which choices
 * are allowed: none that mutes a {@link MailKind#required() required} kind (issue 19: an approver cannot mute
 * their approval requests while named; by chat is not muted), and CHAT only with a chat channel connected.
 */
public final class PreferencePolicy {

    private PreferencePolicy() {
    }

    /** Why {@code caller} may not read or change {@code owner}'s preferences, or empty when they may. */
    public static Optional<Refusal> mayManage(String caller, boolean callerIsSuperAdmin, String owner) {
        if (UserIds.same(caller, owner) || callerIsSuperAdmin) {
            return Optional.empty();
        }
        return Optional.of(PreferenceRefusal.NOT_YOUR_PREFERENCES.because("no preferences of " + owner + " for you"));
    }

    /**
     * Why {@code wanted} may not be set by {@code caller}, or empty when it may.
     *
     * @param chatConnected whether the owner has a chat channel connected, which a CHAT choice needs
     */
    public static Optional<Refusal> check(String caller, boolean callerIsSuperAdmin, NotificationPreferences wanted,
                                          boolean chatConnected) {
        Optional<Refusal> notYours = mayManage(caller, callerIsSuperAdmin, wanted.userId());
        if (notYours.isPresent()) {
            return notYours;
        }
        if (wanted.usesChat() && !chatConnected) {
            return Optional.of(PreferenceRefusal.NO_CHAT_CHANNEL.because("connect a chat channel (a Slack or Teams "
                    + "incoming webhook) before choosing CHAT").with("field", "choices"));
        }
        for (Map.Entry<MailKind, NotificationPreferences.Choice> choice : wanted.choices().entrySet()) {
            if (choice.getKey().required() && choice.getValue() == NotificationPreferences.Choice.NONE) {
                return Optional.of(PreferenceRefusal.MAIL_REQUIRED.because(choice.getKey()
                        + " reach the approvers a request names, who cannot mute them while named")
                        .with("field", "choices." + choice.getKey()));
            }
        }
        return Optional.empty();
    }
}
