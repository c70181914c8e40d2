package dev.shipgate.tidyfixture.billing.application;

/** Fixture: the port another feature may use. */
public interface Invoicing {

    void invoice(String orderId);
}
