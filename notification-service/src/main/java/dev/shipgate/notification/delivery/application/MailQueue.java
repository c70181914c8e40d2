package dev.shipgate.notification.delivery.application;

import dev.shipgate.notification.delivery.domain.Delivery;

import java.util.List;

/** Where this instance's new deliveries go: claimed by it as they are stored, then sent at once. */
public interface MailQueue {

    /** The delivery as it is to be stored: claimed by this instance (see {@link DeliveryDispatcher#claimOnArrival}). */
    Delivery claim(Delivery pending);

    /** Deliveries stored as {@link #claim} made them: sent in a pass that starts now. */
    void sendSoon(List<Delivery> stored);
}
