package dev.shipgate.notification.webhook.application;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.notification.webhook.domain.WebhookDelivery;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import dev.shipgate.support.messaging.EventFollower;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Turns an approval or deployment event into one delivery per subscription that wants it and whose owner may still
 * see the pipeline. A delivery's id is the event's and the subscription's, so an event read twice is delivered once.
 * It follows the events the mail's consumer reads: sending happens apart ({@link WebhookDispatcher}), so a slow
 * receiver holds no mail back.
 */
public class WebhookFanOut implements EventFollower {

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final WebhookAccess access;
    private final PipelineScopes pipelines;
    private final EventBodies bodies;
    private final Runnable wakeDispatcher;
    private final Clock clock;

    public WebhookFanOut(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookAccess access,
                         PipelineScopes pipelines, EventBodies bodies, Runnable wakeDispatcher, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.access = access;
        this.pipelines = pipelines;
        this.bodies = bodies;
        this.wakeDispatcher = wakeDispatcher;
        this.clock = clock;
    }

    /** Whether the event is one subscriptions may ask for (about a pipeline, of a subscribable type). */
    @Override
    public boolean follows(EventPayload payload) {
        return Webhooks.EVENT_TYPES.contains(payload.getClass().getSimpleName())
                && EventBodies.pipelineOf(payload).isPresent();
    }

    @Override
    public void follow(EventEnvelope<? extends EventPayload> event) {
        Optional<String> pipeline = EventBodies.pipelineOf(event.data());
        List<WebhookSubscription> active = subscriptions.active();
        if (pipeline.isEmpty() || active.isEmpty()) {
            return;
        }
        Scope where = pipelines.scopeOf(pipeline.get()).orElse(null);
        int added = 0;
        for (WebhookSubscription subscription : active) {
            if (!subscription.wants(event.type(), pipeline.get(), where)
                    || !access.mayViewPipeline(subscription.owner(), pipeline.get())) {
                continue;
            }
            Optional<String> body = bodies.of(event, subscription.format());
            if (body.isPresent() && deliveries.add(WebhookDelivery.pending(subscription.id(), subscription.owner(),
                    event.id(), event.type(), body.get(), clock.instant()))) {
                added++;
            }
        }
        if (added > 0) {
            wakeDispatcher.run();
        }
    }
}
