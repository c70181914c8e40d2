package dev.shipgate.notification.delivery.application;

import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link Deliveries} in memory for unit tests: the same conditional writes, each call atomic. */
public class InMemoryDeliveries implements Deliveries {

    private final Map<String, Delivery> deliveries = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(Delivery delivery) {
        return deliveries.putIfAbsent(delivery.id(), delivery) == null;
    }

    @Override
    public synchronized boolean claim(Delivery due, Delivery claimed) {
        return replaceIfStill(due, claimed);
    }

    @Override
    public synchronized boolean update(Delivery next, Delivery claimed) {
        return replaceIfStill(claimed, next);
    }

    @Override
    public synchronized boolean release(Delivery released) {
        Delivery current = deliveries.get(released.id());
        if (current == null || current.status() != DeliveryStatus.HELD) {
            return false;
        }
        deliveries.put(released.id(), released);
        return true;
    }

    private boolean replaceIfStill(Delivery expected, Delivery next) {
        Delivery current = deliveries.get(expected.id());
        if (current == null || current.status() != DeliveryStatus.PENDING || current.attempts() != expected.attempts()
                || !Objects.equals(current.nextAttemptAt(), expected.nextAttemptAt())) {
            return false;
        }
        deliveries.put(next.id(), next);
        return true;
    }

    @Override
    public synchronized List<Delivery> due(Instant now, int limit) {
        return deliveries.values().stream().filter(d -> d.status() == DeliveryStatus.PENDING)
                .filter(d -> !d.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(Delivery::nextAttemptAt)).limit(limit).toList();
    }

    @Override
    public synchronized List<Delivery> findAll(Collection<String> ids) {
        return deliveries.values().stream().filter(d -> ids.contains(d.id()))
                .sorted(Comparator.comparing(Delivery::nextAttemptAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    @Override
    public synchronized ListPage<Delivery> search(String recipient, DeliveryStatus status, String eventId,
                                                  PageAt at) {
        throw new UnsupportedOperationException("not needed by the dispatcher");
    }
}
