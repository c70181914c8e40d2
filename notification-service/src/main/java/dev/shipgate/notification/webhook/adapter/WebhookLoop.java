package dev.shipgate.notification.webhook.adapter;

import dev.shipgate.notification.webhook.application.WebhookDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/** Sends due webhooks on one thread of their own (a slow receiver delays no mail): on a timer, and when woken. */
final class WebhookLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookLoop.class);

    private final AtomicBoolean passWaiting = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-dispatch");
        thread.setDaemon(true);
        return thread;
    });
    private final WebhookDispatcher dispatcher;

    WebhookLoop(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void wakeUp() {
        if (passWaiting.compareAndSet(false, true)) {
            executor.execute(this::dispatch);
        }
    }

    private void dispatch() {
        passWaiting.set(false);
        try {
            while (dispatcher.dispatchDue() == WebhookDispatcher.BATCH) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            log.warn("webhook dispatch paused: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
