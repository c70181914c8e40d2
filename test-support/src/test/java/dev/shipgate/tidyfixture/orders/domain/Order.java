package dev.shipgate.tidyfixture.orders.domain;

/** Fixture: a plain domain type. */
public record Order(String id) {
}
