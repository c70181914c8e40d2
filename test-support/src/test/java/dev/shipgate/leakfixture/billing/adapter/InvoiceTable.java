package dev.shipgate.leakfixture.billing.adapter;

/** Fixture: billing's storage. */
public class InvoiceTable {

    public int count() {
        return 0;
    }
}
