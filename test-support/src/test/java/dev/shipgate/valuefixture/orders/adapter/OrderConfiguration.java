package dev.shipgate.valuefixture.orders.adapter;

import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;

/** Breaks {@code TypedSettings}: a property read through {@code @Value}, its default written here. */
class OrderConfiguration {

    Duration pollEvery(@Value("${orders.poll:PT2S}") Duration poll) {
        return poll;
    }
}
