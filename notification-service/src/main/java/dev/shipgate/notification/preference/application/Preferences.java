package dev.shipgate.notification.preference.application;

import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.notification.delivery.application.MailChoices;
import dev.shipgate.notification.preference.domain.NotificationPreferences;
import dev.shipgate.notification.preference.domain.PreferencePolicy;
import dev.shipgate.notification.recipient.application.Recipients;

/**
 * Reading and setting notification preferences ({@link PreferencePolicy}), and answering the mail for them
 * ({@link MailChoices}): every mail of a kind the recipient muted is left out before it is stored or sent.
 */
public class Preferences implements MailChoices {

    private final PreferenceStore store;
    private final Recipients recipients;

    public Preferences(PreferenceStore store, Recipients recipients) {
        this.store = store;
        this.recipients = recipients;
    }

    public NotificationPreferences get(String caller, String owner) {
        PreferencePolicy.mayManage(caller, recipients.isSuperAdmin(caller), owner).ifPresent(refusal -> {
            throw refusal.exception();
        });
        return of(owner);
    }

    public NotificationPreferences set(String caller, NotificationPreferences wanted) {
        PreferencePolicy.check(caller, recipients.isSuperAdmin(caller), wanted).ifPresent(refusal -> {
            throw refusal.exception();
        });
        store.save(wanted);
        return wanted;
    }

    @Override
    public boolean wantsMail(String userId, String eventType) {
        return of(userId).wantsMail(eventType);
    }

    private NotificationPreferences of(String userId) {
        String id = UserIds.canonical(userId);
        return store.find(id).orElseGet(() -> NotificationPreferences.defaults(id));
    }
}
