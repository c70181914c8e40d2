package dev.shipgate.notification.delivery.application;

import dev.shipgate.notification.delivery.domain.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/** Sends the pending deliveries that are due; a failed send is tried again later, with a growing pause. */
public class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Deliveries deliveries;
    private final Mailer mailer;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration firstPause;

    public DeliveryDispatcher(Deliveries deliveries, Mailer mailer, Clock clock, int maxAttempts,
                              Duration firstPause) {
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.firstPause = firstPause;
    }

    /** Returns how many were sent. */
    public int dispatchDue() {
        int sent = 0;
        for (Delivery delivery : deliveries.due(clock.instant(), 100)) {
            try {
                mailer.send(delivery);
                deliveries.update(delivery.sent(clock.instant()), delivery.attempts());
                sent++;
            } catch (RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                Delivery next = delivery.attemptFailed(reason, clock.instant(), maxAttempts, firstPause);
                deliveries.update(next, delivery.attempts());
                log.warn("delivery {} attempt {} failed: {}", delivery.id(), next.attempts(), reason);
            }
        }
        return sent;
    }
}
