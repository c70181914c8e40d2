package dev.shipgate.cyclefixture.orders.domain;

import dev.shipgate.cyclefixture.billing.domain.Invoice;

/** Fixture, deliberately wrong: orders know billing ... */
public record Order(String id, Invoice invoice) {
}
