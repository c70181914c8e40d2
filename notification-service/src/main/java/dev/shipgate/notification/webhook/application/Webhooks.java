package dev.shipgate.notification.webhook.application;

import dev.shipgate.contracts.EventType;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.notification.webhook.domain.WebhookDelivery;
import dev.shipgate.notification.webhook.domain.WebhookRefusal;
import dev.shipgate.notification.webhook.domain.WebhookSecret;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import dev.shipgate.notification.webhook.domain.WebhookSubscription.Status;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Webhook and chat subscriptions and their delivery logs, for their owners: only the owner (or a super admin) sees,
 * changes, resumes or replays a subscription; to anyone else it does not exist.
 */
public class Webhooks {

    /** The event types one may subscribe to: those about a pipeline's approvals and deployments. */
    public static final Set<String> EVENT_TYPES = Arrays.stream(EventType.values())
            .filter(t -> t.topic().equals(Topics.APPROVALS) || t.topic().equals(Topics.DEPLOYMENTS))
            .map(EventType::typeName).collect(Collectors.toUnmodifiableSet());

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final WebhookAccess access;
    private final Destinations destinations;
    private final Runnable wakeDispatcher;
    private final Clock clock;

    public Webhooks(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookAccess access,
                    Destinations destinations, Runnable wakeDispatcher, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.access = access;
        this.destinations = destinations;
        this.wakeDispatcher = wakeDispatcher;
        this.clock = clock;
    }

    /**
     * A new subscription of the caller's; its secret is in the answer, and never shown again.
     *
     * @throws RefusedException WEBHOOK_TARGET_INVALID, UNKNOWN_PIPELINE (not visible to the caller),
     *                          WEBHOOK_URL_INVALID or WEBHOOK_URL_NOT_PUBLIC
     */
    public WebhookSubscription subscribe(String caller, NewWebhook request) {
        if ((request.pipelineId() == null) == (request.scope() == null)) {
            throw WebhookRefusal.WEBHOOK_TARGET_INVALID.because("name either a pipelineId or a scope "
                    + "(project, application, environment; * for any), not both").with("field", "pipelineId")
                    .exception();
        }
        List<String> unknown = request.eventTypes().stream().filter(t -> !EVENT_TYPES.contains(t)).toList();
        if (!unknown.isEmpty()) {
            throw WebhookRefusal.WEBHOOK_TARGET_INVALID.because("unknown event types " + unknown + "; one may "
                    + "subscribe to " + EVENT_TYPES.stream().sorted().toList()).with("field", "eventTypes")
                    .exception();
        }
        boolean visible = request.pipelineId() != null ? access.mayViewPipeline(caller, request.pipelineId())
                : access.mayViewScope(caller, request.scope());
        if (!visible) { // like the other services: what the caller may not see does not exist
            throw WebhookRefusal.UNKNOWN_PIPELINE.because(request.pipelineId() != null
                    ? "no pipeline " + request.pipelineId() : "you may not see every pipeline in that scope")
                    .exception();
        }
        destinations.accept(request.url());
        WebhookSubscription subscription = new WebhookSubscription(UUID.randomUUID().toString(), caller,
                request.pipelineId(), request.scope(), request.eventTypes().stream().distinct().toList(),
                request.url(), request.format(), WebhookSecret.generate(), Status.ACTIVE, 0, null, clock.instant());
        subscriptions.add(subscription);
        return subscription;
    }

    /** The caller's subscriptions; a super admin's list holds everyone's. */
    public List<WebhookSubscription> list(String caller) {
        return subscriptions.owned(access.isSuperAdmin(caller) ? null : UserIds.canonical(caller));
    }

    public WebhookSubscription get(String caller, String id) {
        return subscriptions.find(id).filter(s -> s.owner().equals(UserIds.canonical(caller))
                || access.isSuperAdmin(caller)).orElseThrow(() -> notFound("no webhook subscription " + id));
    }

    public void delete(String caller, String id) {
        subscriptions.remove(get(caller, id).id());
    }

    /** ACTIVE again, failures forgotten; what FAILED meanwhile can be replayed. */
    public WebhookSubscription resume(String caller, String id) {
        subscriptions.resume(get(caller, id).id());
        return get(caller, id);
    }

    public ListPage<WebhookDelivery> deliveries(String caller, String id, PageAt at) {
        return deliveries.of(get(caller, id).id(), at);
    }

    /** Sends a delivery's message again, as a new delivery (same {@code webhook-id}, fresh timestamp and signature). */
    public WebhookDelivery replay(String caller, String id, String deliveryId) {
        WebhookSubscription subscription = get(caller, id);
        WebhookDelivery original = deliveries.find(deliveryId)
                .filter(d -> d.subscriptionId().equals(subscription.id()))
                .orElseThrow(() -> notFound("no delivery " + deliveryId + " of webhook subscription " + id));
        WebhookDelivery replay = original.replay(UUID.randomUUID().toString(), clock.instant());
        deliveries.add(replay);
        wakeDispatcher.run();
        return replay;
    }

    private static RefusedException notFound(String detail) {
        return WebhookRefusal.WEBHOOK_NOT_FOUND.because(detail).exception();
    }
}
