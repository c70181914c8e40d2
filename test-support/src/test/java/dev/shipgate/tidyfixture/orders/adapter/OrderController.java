package dev.shipgate.tidyfixture.orders.adapter;

import dev.shipgate.tidyfixture.orders.application.OrderService;
import dev.shipgate.tidyfixture.orders.domain.Order;

/** Fixture: an adapter using its own feature. */
class OrderController {

    private final OrderService orders;

    public OrderController(OrderService orders) {
        this.orders = orders;
    }

    public void post(String id) {
        orders.place(new Order(id));
    }
}
