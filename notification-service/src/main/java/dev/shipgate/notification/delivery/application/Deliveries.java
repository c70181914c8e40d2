package dev.shipgate.notification.delivery.application;

import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The delivery log. */
public interface Deliveries {

    /** Stores a new delivery; false when it exists already (the event came again). */
    boolean add(Delivery delivery);

    /** Replaces the delivery if it is still PENDING with the given attempts (one dispatcher wins). */
    boolean update(Delivery next, int expectedAttempts);

    /** Pending deliveries whose next attempt is due, the longest waiting first. */
    List<Delivery> due(Instant now, int limit);

    /** The longest waiting first. */
    List<Delivery> findAll(Collection<String> ids);

    List<Delivery> search(String recipient, DeliveryStatus status, String eventId, int page, int size);
}
