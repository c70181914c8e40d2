package dev.shipgate.tidyfixture;

import dev.shipgate.tidyfixture.billing.adapter.KafkaInvoicing;
import dev.shipgate.tidyfixture.orders.adapter.OrderController;
import dev.shipgate.tidyfixture.orders.application.OrderService;

/** Fixture: the service's root belongs to no feature and may build every adapter. */
public class FixtureApplication {

    public OrderController build() {
        return new OrderController(new OrderService(new KafkaInvoicing()));
    }
}
