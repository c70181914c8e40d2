package dev.shipgate.tidyfixture.orders.adapter;

import dev.shipgate.tidyfixture.billing.application.Invoicing;
import dev.shipgate.tidyfixture.orders.application.OrderService;

/** Fixture: orders' wiring, beside its adapters, taking billing through its port. */
class OrdersConfiguration {

    OrderController orderController(Invoicing invoicing) {
        return new OrderController(new OrderService(invoicing));
    }
}
