package dev.shipgate.notification.webhook.application;

import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.notification.chat.application.ChatNotice;
import dev.shipgate.notification.chat.application.SlackMessage;
import dev.shipgate.notification.chat.application.TeamsMessage;
import dev.shipgate.notification.delivery.application.PersonalChat;
import dev.shipgate.notification.delivery.domain.Message;
import dev.shipgate.notification.webhook.domain.WebhookDelivery;
import dev.shipgate.notification.webhook.domain.WebhookRefusal;
import dev.shipgate.notification.webhook.domain.WebhookSecret;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import dev.shipgate.notification.webhook.domain.WebhookSubscription.Format;
import dev.shipgate.notification.webhook.domain.WebhookSubscription.Status;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Each person's own chat channel (issue 19: the kinds of message they chose to get by chat): a Slack or Teams
 * incoming webhook they connected, kept as a webhook subscription of theirs, {@code chat:<user id>}, that no event
 * matches (its one event type is {@link #PERSONAL_TYPE}). Their messages are queued on it as deliveries, so the
 * retries, the delivery log, replay and the pause after repeated failures are the webhooks'; while it is paused or
 * missing their messages are mailed, and a message whose delivery fails for good or is dropped is mailed then (its
 * mail was held: {@code HeldMails}). The URL is checked as every webhook's is ({@link Destinations}).
 */
public class PersonalChannels implements PersonalChat {

    /** The event type of a personal channel's subscription: no event has it, so the fan-out never sends there. */
    public static final String PERSONAL_TYPE = "dev.shipgate.notification.personal";
    private static final String CHANNEL_PREFIX = "chat:";
    private static final JsonMapper JSON = KafkaEventCodec.json();

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final Destinations destinations;
    private final Runnable wakeDispatcher;
    private final Clock clock;

    public PersonalChannels(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries,
                            Destinations destinations, Runnable wakeDispatcher, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.wakeDispatcher = wakeDispatcher;
        this.clock = clock;
    }

    /** The id of {@code userId}'s channel (any spelling of the id: the same channel). */
    public static String idOf(String userId) {
        return CHANNEL_PREFIX + UserIds.canonical(userId);
    }

    /** Whether {@code subscriptionId} names a person's own chat channel rather than a webhook they subscribed. */
    public static boolean isChannel(String subscriptionId) {
        return subscriptionId != null && subscriptionId.startsWith(CHANNEL_PREFIX);
    }

    public Optional<WebhookSubscription> of(String userId) {
        return subscriptions.find(idOf(userId));
    }

    /**
     * Connects (or replaces) {@code userId}'s channel, ACTIVE.
     *
     * @throws dev.shipgate.contracts.refusal.RefusedException WEBHOOK_TARGET_INVALID (a format other than SLACK or
     *                                                         TEAMS), WEBHOOK_URL_INVALID, WEBHOOK_URL_NOT_PUBLIC
     */
    public WebhookSubscription connect(String userId, String url, Format format) {
        if (format != Format.SLACK && format != Format.TEAMS) {
            throw WebhookRefusal.WEBHOOK_TARGET_INVALID.because("a chat channel is a SLACK or TEAMS incoming webhook")
                    .with("field", "format").exception();
        }
        destinations.accept(url);
        WebhookSubscription channel = new WebhookSubscription(idOf(userId), userId, null, Scope.everywhere(),
                List.of(PERSONAL_TYPE), url, format, WebhookSecret.generate(), Status.ACTIVE, 0, null,
                clock.instant());
        subscriptions.put(channel); // one write: a connect from two tabs at once leaves one channel, neither fails
        return channel;
    }

    public void disconnect(String userId) {
        subscriptions.remove(idOf(userId));
    }

    @Override
    public boolean post(String eventId, String eventType, Message message) {
        Optional<WebhookSubscription> channel = of(message.recipient()).filter(c -> c.status() == Status.ACTIVE);
        if (channel.isEmpty()) {
            return false;
        }
        ChatNotice notice = noticeOf(message);
        String body = channel.get().format() == Format.TEAMS ? TeamsMessage.of(notice, JSON)
                : SlackMessage.of(notice, JSON);
        if (deliveries.add(WebhookDelivery.pending(channel.get().id(), channel.get().owner(), eventId, eventType,
                body, clock.instant()))) {
            wakeDispatcher.run();
        }
        return true;
    }

    /**
     * The mail's parts as a chat message: its subject as the title, its button to the same page (the summary's,
     * without the mail's approve-from-email link: a chat channel may be seen by others, who sign in there).
     */
    static ChatNotice noticeOf(Message message) {
        Message.Summary summary = message.summary();
        return new ChatNotice(message.subject(), summary.intro(), summary.facts().stream()
                .map(fact -> new ChatNotice.Fact(fact.label(), fact.value())).toList(), summary.comment(),
                summary.actionLabel(), summary.actionUrl());
    }
}
