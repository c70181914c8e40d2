package dev.shipgate.tidyfixture.billing.adapter;

import dev.shipgate.tidyfixture.billing.application.Invoicing;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Fixture: an adapter may use Kafka. */
class KafkaInvoicing implements Invoicing {

    @Override
    public void invoice(String orderId) {
        new ProducerRecord<>("invoices", orderId);
    }
}
