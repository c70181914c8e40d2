package dev.shipgate.notification.delivery.application;

import dev.shipgate.notification.delivery.domain.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Sends the pending deliveries that are due; a failed send is tried again later, with a growing pause. */
public class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Deliveries deliveries;
    private final Mailer mailer;
    private final Clock clock;
    static final int BATCH = 100;
    static final int OUTCOME_WRITE_ATTEMPTS = 120;
    static final long OUTCOME_WRITE_PAUSE_MILLIS = 500;

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

    /** Sends what is due, a batch at a time over one connection; returns how many were sent. */
    public int dispatchDue() {
        int sent = 0;
        List<Delivery> due = deliveries.due(clock.instant(), BATCH);
        while (!due.isEmpty()) {
            Map<String, String> failed = mailer.send(due);
            for (Delivery delivery : due) {
                String reason = failed.get(delivery.id());
                if (reason == null) {
                    record(delivery.sent(clock.instant()), delivery.attempts());
                    sent++;
                } else {
                    Delivery next = delivery.attemptFailed(reason, clock.instant(), maxAttempts, firstPause);
                    record(next, delivery.attempts());
                    log.warn("delivery {} attempt {} failed: {}", delivery.id(), next.attempts(), reason);
                }
            }
            if (!failed.isEmpty()) {
                break; // the server has trouble: wait for the next pass rather than hammer it
            }
            if (due.size() < BATCH) {
                break; // that was all (mail queued since wakes its own pass)
            }
            due = deliveries.due(clock.instant(), BATCH);
        }
        return sent;
    }

    /**
     * The mail has been handed over: its outcome must be written, or the next pass would send it again. So a database
     * that is away for a moment is waited for (up to a minute) rather than given up on.
     */
    private void record(Delivery outcome, int attemptsBefore) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < OUTCOME_WRITE_ATTEMPTS; attempt++) {
            try {
                deliveries.update(outcome, attemptsBefore);
                return;
            } catch (RuntimeException e) {
                last = e;
                log.warn("cannot record delivery {} yet: {}", outcome.id(), e.getMessage());
                try {
                    Thread.sleep(OUTCOME_WRITE_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }
}
