package dev.shipgate.cyclefixture.billing.domain;

import dev.shipgate.cyclefixture.orders.domain.Order;

/** Fixture, deliberately wrong: ... and billing knows orders, a cycle between the two features. */
public record Invoice(String number) {

    public boolean covers(Order order) {
        return order.invoice() == this;
    }
}
