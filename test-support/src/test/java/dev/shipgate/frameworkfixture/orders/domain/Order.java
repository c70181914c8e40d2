package dev.shipgate.frameworkfixture.orders.domain;

import org.apache.kafka.clients.producer.ProducerRecord;

/** Fixture, deliberately wrong: a domain type that knows Kafka. */
public record Order(String id) {

    public ProducerRecord<String, String> asRecord() {
        return new ProducerRecord<>("orders", id);
    }
}
