package dev.shipgate.notification.delivery.adapter;

import dev.shipgate.notification.delivery.application.DeliveryDispatcher;
import dev.shipgate.notification.delivery.application.MailQueue;
import dev.shipgate.notification.delivery.domain.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends due mail on one thread: on a timer, and at once when new mail is queued. Wake-ups that come while a pass is
 * already waiting join it (a pass reads every due mail: one per queued mail would read them all each time).
 */
final class DispatchLoop implements MailQueue, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

    private final DeliveryDispatcher dispatcher;
    private final AtomicBoolean passWaiting = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mail-dispatch");
        thread.setDaemon(true);
        return thread;
    });

    DispatchLoop(DeliveryDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public Delivery claim(Delivery pending) {
        return dispatcher.claimOnArrival(pending);
    }

    @Override
    public void sendSoon(List<Delivery> stored) {
        dispatcher.arrived(stored);
        wakeUp();
    }

    /** Called on the timer ({@code shipgate.mail.poll}) and for queued mail. */
    void wakeUp() {
        if (passWaiting.compareAndSet(false, true)) {
            executor.execute(this::dispatch);
        }
    }

    private void dispatch() {
        passWaiting.set(false); // mail queued from now on may be missed by this pass's read: it wakes another
        try {
            dispatcher.dispatchDue();
        } catch (RuntimeException e) {
            log.warn("mail dispatch paused: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
