package dev.shipgate.notification.webhook.adapter;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.notification.webhook.application.NewWebhook;
import dev.shipgate.notification.webhook.application.Webhooks;
import dev.shipgate.notification.webhook.domain.WebhookDelivery;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import dev.shipgate.support.web.PagedAnswer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Outbound webhooks and chat channels: subscriptions (signed CloudEvents, Slack or Teams messages to a URL) and their
 * delivery logs. Only the owner (or a super admin) sees a subscription; refusals are problem+json with a
 * {@code reason} (WebhookRefusal) and the {@code field}.
 */
@RestController
@Validated
@RequestMapping("/api/notifications/webhooks")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * A subscription asked for.
     *
     * @param pipelineId one pipeline; or else {@code project}, {@code application}, {@code environment} (each
     *                   omitted or {@code *} for any) for every pipeline in that scope
     * @param eventTypes CloudEvents types, e.g. {@code ApprovalRequested}, {@code DeploymentStatusChanged}; empty for
     *                   every approval and deployment event
     * @param url        https URL the events are POSTed to (a Slack or Teams incoming-webhook URL for those formats)
     * @param format     CLOUDEVENTS (default), SLACK or TEAMS
     */
    public record SubscribeBody(@Size(max = 100) String pipelineId, @Size(max = 100) String project,
                                @Size(max = 100) String application, @Size(max = 100) String environment,
                                @Size(max = 30) List<@NotBlank @Size(max = 100) String> eventTypes,
                                @NotBlank @Size(max = 2000) String url, WebhookSubscription.Format format) {
        NewWebhook request() {
            boolean scoped = project != null || application != null || environment != null;
            return new NewWebhook(pipelineId, scoped ? new Scope(project, application, environment) : null,
                    eventTypes == null ? List.of() : eventTypes, url,
                    format == null ? WebhookSubscription.Format.CLOUDEVENTS : format);
        }
    }

    /**
     * A subscription as listed: never its secret, and a Slack or Teams URL only as {@code scheme://host/…} (that URL
     * is the chat's credential; see {@code WebhookSubscription.shownUrl}).
     */
    public record WebhookView(String id, String owner, String pipelineId, Scope scope, List<String> eventTypes,
                              String url, WebhookSubscription.Format format, WebhookSubscription.Status status,
                              int consecutiveFailures, String pauseReason, Instant createdAt) {
        static WebhookView of(WebhookSubscription s) {
            return new WebhookView(s.id(), s.owner(), s.pipelineId(), s.scope(), s.eventTypes(), s.shownUrl(),
                    s.format(), s.status(), s.consecutiveFailures(), s.pauseReason(), s.createdAt());
        }
    }

    /** The answer to a new subscription: the only time its secret ({@code whsec_...}) is shown. */
    public record CreatedWebhook(WebhookView subscription, String secret) {
    }

    /**
     * A delivery in the log: the body sent, the outcome, attempts (times are UTC instants). Named apart from the mail
     * log's {@code DeliveryView}: the OpenAPI document names schemas by simple class name, and one would replace the
     * other.
     */
    public record WebhookDeliveryView(String id, String webhookId, String eventType, WebhookDelivery.Status status,
                                      int attempts, int lastStatus, String lastError, Instant createdAt,
                                      Instant nextAttemptAt, Instant finishedAt, String replayOf, String body) {
        static WebhookDeliveryView of(WebhookDelivery d) {
            return new WebhookDeliveryView(d.id(), d.messageId(), d.eventType(), d.status(), d.attempts(),
                    d.lastStatus(), d.lastError(), d.createdAt(), d.nextAttemptAt(), d.finishedAt(), d.replayOf(),
                    d.body());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public CreatedWebhook subscribe(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody SubscribeBody body) {
        WebhookSubscription created = webhooks.subscribe(caller.getSubject(), body.request());
        return new CreatedWebhook(WebhookView.of(created), created.secret());
    }

    @GetMapping
    public List<WebhookView> list(@AuthenticationPrincipal Jwt caller) {
        return webhooks.list(caller.getSubject()).stream().map(WebhookView::of).toList();
    }

    @GetMapping("/{id}")
    public WebhookView get(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String id) {
        return WebhookView.of(webhooks.get(caller.getSubject(), id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String id) {
        webhooks.delete(caller.getSubject(), id);
    }

    /** A PAUSED subscription ACTIVE again. */
    @PostMapping("/{id}/resume")
    public WebhookView resume(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String id) {
        return WebhookView.of(webhooks.resume(caller.getSubject(), id));
    }

    /** The delivery log, newest first, paged like the other lists (Link and X-Total-Count headers). */
    @GetMapping("/{id}/deliveries")
    public ResponseEntity<List<WebhookDeliveryView>> deliveries(@AuthenticationPrincipal Jwt caller,
                                                         @PathVariable @Size(max = 100) String id,
                                                         @RequestParam(required = false)
                                                         @Size(max = PagedAnswer.CURSOR_MAX) String cursor,
                                                         @RequestParam(defaultValue = "0") @Min(0) int page,
                                                         @RequestParam(defaultValue = "20") @Min(1) @Max(100)
                                                         int size) {
        return PagedAnswer.of(webhooks.deliveries(caller.getSubject(), id, PageAt.of(cursor, page, size))
                .map(WebhookDeliveryView::of));
    }

    /** Sends a delivery's message again now, as a new delivery (202: it is queued). */
    @PostMapping("/{id}/deliveries/{deliveryId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public WebhookDeliveryView replay(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String id,
                               @PathVariable @NotNull @Size(max = 300) String deliveryId) {
        return WebhookDeliveryView.of(webhooks.replay(caller.getSubject(), id, deliveryId));
    }
}
