package dev.shipgate.notification.delivery.application;

import dev.shipgate.notification.delivery.domain.Delivery;

import java.util.List;
import java.util.Map;

/** Sends email over whichever transport is configured. */
public interface Mailer {

    /**
     * Sends the deliveries, over one connection where the transport allows it.
     *
     * @return the ones the server did not take: delivery id to the reason
     */
    Map<String, String> send(List<Delivery> deliveries);
}
