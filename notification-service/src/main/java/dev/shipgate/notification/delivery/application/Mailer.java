package dev.shipgate.notification.delivery.application;

import dev.shipgate.notification.delivery.domain.Delivery;

/** Sends one email over whichever transport is configured; throws when the server does not take it. */
public interface Mailer {

    void send(Delivery delivery);
}
