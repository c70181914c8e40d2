package dev.shipgate.notification.preference.application;

import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.notification.delivery.application.DeliveryRoutes;
import dev.shipgate.notification.preference.domain.NotificationPreferences;
import dev.shipgate.notification.preference.domain.PreferencePolicy;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.webhook.application.PersonalChannels;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import dev.shipgate.notification.webhook.domain.WebhookSubscription.Format;

import java.util.Optional;

/**
 * Reading and setting notification preferences ({@link PreferencePolicy}) and the person's own chat channel, and
 * answering the messages for them ({@link DeliveryRoutes}): a kind the recipient muted is left out before anything
 * is stored or sent, a kind they chose by chat goes to their channel.
 */
public class Preferences implements DeliveryRoutes {

    private final PreferenceStore store;
    private final Recipients recipients;
    private final PersonalChannels chats;

    public Preferences(PreferenceStore store, Recipients recipients, PersonalChannels chats) {
        this.store = store;
        this.recipients = recipients;
        this.chats = chats;
    }

    public NotificationPreferences get(String caller, String owner) {
        requireMayManage(caller, owner);
        return of(owner);
    }

    /** @throws dev.shipgate.contracts.refusal.RefusedException as {@link PreferencePolicy#check} says */
    public NotificationPreferences set(String caller, NotificationPreferences wanted) {
        PreferencePolicy.check(caller, recipients.isSuperAdmin(caller), wanted,
                chats.of(wanted.userId()).isPresent()).ifPresent(refusal -> {
                    throw refusal.exception();
                });
        store.save(wanted);
        return wanted;
    }

    /** The owner's chat channel, if connected. */
    public Optional<WebhookSubscription> chat(String caller, String owner) {
        requireMayManage(caller, owner);
        return chats.of(owner);
    }

    /** Connects (or replaces) the owner's chat channel: see {@link PersonalChannels#connect}. */
    public WebhookSubscription connectChat(String caller, String owner, String url, Format format) {
        requireMayManage(caller, owner);
        return chats.connect(owner, url, format);
    }

    /** Their kinds chosen by chat are mailed again until a channel is connected. */
    public void disconnectChat(String caller, String owner) {
        requireMayManage(caller, owner);
        chats.disconnect(owner);
    }

    @Override
    public Route routeOf(String userId, String eventType) {
        return switch (of(userId).channelFor(eventType)) {
            case MAIL -> Route.MAIL;
            case CHAT -> Route.CHAT;
            case NONE -> Route.NONE;
        };
    }

    private void requireMayManage(String caller, String owner) {
        PreferencePolicy.mayManage(caller, recipients.isSuperAdmin(caller), owner).ifPresent(refusal -> {
            throw refusal.exception();
        });
    }

    private NotificationPreferences of(String userId) {
        String id = UserIds.canonical(userId);
        return store.find(id).orElseGet(() -> NotificationPreferences.defaults(id));
    }
}
