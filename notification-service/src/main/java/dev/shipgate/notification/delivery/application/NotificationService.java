package dev.shipgate.notification.delivery.application;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.Message;
import dev.shipgate.notification.recipient.application.Recipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns an event into deliveries, one per recipient; a repeated event finds them there already. */
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final MessageComposer composer;
    private final Recipients recipients;
    private final Deliveries deliveries;
    private final MailQueue mailQueue;
    private final Clock clock;
    private final DeliveryRoutes routes;
    private final PersonalChat chat;

    public NotificationService(MessageComposer composer, Recipients recipients, Deliveries deliveries,
                               MailQueue mailQueue, Clock clock) {
        this(composer, recipients, deliveries, mailQueue, clock, DeliveryRoutes.mailEverything(), PersonalChat.none());
    }

    /**
     * {@code routes}: each recipient's notification preferences (a muted kind is not sent to them, a kind chosen by
     * chat goes to their {@code chat} channel, or by mail while they have none).
     */
    public NotificationService(MessageComposer composer, Recipients recipients, Deliveries deliveries,
                               MailQueue mailQueue, Clock clock, DeliveryRoutes routes, PersonalChat chat) {
        this.routes = routes;
        this.chat = chat;
        this.composer = composer;
        this.recipients = recipients;
        this.deliveries = deliveries;
        this.mailQueue = mailQueue;
        this.clock = clock;
    }

    public void handle(EventEnvelope<? extends EventPayload> event) {
        deliver(event.id(), event.type(), composer.compose(event));
    }

    /**
     * Stores and sends {@code messages} as deliveries of {@code eventId}, once each: a delivery's id is the event id
     * and its recipient, so the same messages delivered again (a repeated event, a reminder sent by an instance that
     * took over another's claim) add nothing; a message of a kind its recipient muted is left out, one of a kind they
     * chose by chat goes to their chat channel if they have one working, its mail kept HELD in case that delivery
     * fails ({@link HeldMails}). Returns how many mails were added to be sent now.
     */
    public int deliver(String eventId, String eventType, List<Message> messages) {
        List<Delivery> added = new ArrayList<>();
        for (Message message : messages) {
            DeliveryRoutes.Route route = routes.routeOf(message.recipient(), eventType);
            if (route == DeliveryRoutes.Route.NONE) {
                continue; // muted
            }
            boolean inChat = route == DeliveryRoutes.Route.CHAT && chat.post(eventId, eventType, message);
            Optional<String> email = recipients.emailOf(message.recipient());
            if (email.isEmpty()) {
                if (!inChat) {
                    log.warn("no email address for {}: {} not sent to them", message.recipient(), eventType);
                }
                continue;
            }
            Delivery delivery = inChat
                    ? Delivery.held(eventId, eventType, message.recipient(), email.get(), message.subject(),
                            message.html(), message.text(), clock.instant())
                    : mailQueue.claim(Delivery.pending(eventId, eventType, message.recipient(), email.get(),
                            message.subject(), message.html(), message.text(), clock.instant()));
            if (deliveries.add(delivery) && !inChat) {
                added.add(delivery);
            }
        }
        if (!added.isEmpty()) {
            mailQueue.sendSoon(added);
        }
        return added.size();
    }

    /** What the mails say: other features compose their mail with it too. */
    public MessageComposer composer() {
        return composer;
    }
}
