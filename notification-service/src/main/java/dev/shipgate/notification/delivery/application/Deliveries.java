package dev.shipgate.notification.delivery.application;

import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;

import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The delivery log. */
public interface Deliveries {

    /** Stores a new delivery; false when it exists already (the event came again). */
    boolean add(Delivery delivery);

    /**
     * Claims a due delivery for one dispatcher: writes {@code claimed} (the delivery with its next attempt pushed to
     * the end of the claim) if the stored one is still PENDING with {@code due}'s attempts and next attempt time. Of
     * two dispatchers claiming it at once one succeeds; the other gets false and leaves it.
     */
    boolean claim(Delivery due, Delivery claimed);

    /**
     * Replaces the delivery with its outcome if it is still as {@code claimed} left it (PENDING, same attempts and
     * next attempt time); false when it is not (the claim ran out and another dispatcher took it).
     */
    boolean update(Delivery next, Delivery claimed);

    /**
     * Replaces a HELD delivery with {@code released} (PENDING, as {@link Delivery#released} and {@link MailQueue#claim}
     * made it) if it is still HELD; false when it is not (it never was, or another instance released it first).
     */
    boolean release(Delivery released);

    /** Pending deliveries whose next attempt is due, the longest waiting first. */
    List<Delivery> due(Instant now, int limit);

    /** The longest waiting first. */
    List<Delivery> findAll(Collection<String> ids);

    /**
     * The mail delivery log, newest first (creation time, then id), filtered by the database (null filters do not
     * filter), then paged: after the page's cursor, or from an offset.
     */
    ListPage<Delivery> search(String recipient, DeliveryStatus status, String eventId, PageAt at);
}
