package dev.shipgate.tidyfixture.billing.adapter;

import dev.shipgate.tidyfixture.billing.application.Invoicing;

/** Fixture: billing's wiring, beside its adapters, offering its port. */
class BillingConfiguration {

    Invoicing invoicing() {
        return new KafkaInvoicing();
    }
}
