package dev.shipgate.leakfixture.orders.adapter;

import dev.shipgate.leakfixture.billing.adapter.InvoiceTable;

/** Fixture, deliberately wrong: orders read billing's storage adapter directly. */
public class OrderController {

    public int invoices(InvoiceTable table) {
        return table.count();
    }
}
