package dev.shipgate.tidyfixture.orders.application;

import dev.shipgate.tidyfixture.billing.application.Invoicing;
import dev.shipgate.tidyfixture.orders.domain.Order;

/** Fixture: orders use billing through its application port, in one direction only. */
public class OrderService {

    private final Invoicing invoicing;

    public OrderService(Invoicing invoicing) {
        this.invoicing = invoicing;
    }

    public void place(Order order) {
        invoicing.invoice(order.id());
    }
}
