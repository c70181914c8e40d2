package dev.shipgate.notification.delivery.application;

import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;

import java.time.Clock;
import java.util.List;

/**
 * The mails kept while their messages went to their recipients' own chats ({@link DeliveryStatus#HELD}): when such a
 * chat delivery fails for good or is dropped (the channel paused or disconnected), the mail goes out instead, so a
 * message, a required approval request above all, reaches its recipient one way or the other.
 */
public class HeldMails {

    private final Deliveries deliveries;
    private final MailQueue queue;
    private final Clock clock;

    public HeldMails(Deliveries deliveries, MailQueue queue, Clock clock) {
        this.deliveries = deliveries;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Sends the mail held for {@code recipient}'s chat message of {@code eventId}, once: false when there is none held
     * (the message was never in their chat, or it was released already).
     */
    public boolean release(String eventId, String recipient) {
        List<Delivery> held = deliveries.findAll(List.of(eventId + ":" + recipient)).stream()
                .filter(delivery -> delivery.status() == DeliveryStatus.HELD).toList();
        if (held.isEmpty()) {
            return false;
        }
        Delivery released = queue.claim(held.get(0).released(clock.instant()));
        if (!deliveries.release(released)) {
            return false;
        }
        queue.sendSoon(List.of(released));
        return true;
    }
}
