package dev.shipgate.notification.delivery.adapter;

import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.notification.delivery.application.Deliveries;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;
import dev.shipgate.notification.link.application.ApprovalLinks;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.subscription.application.PipelineAccess;
import dev.shipgate.notification.subscription.application.Subscriptions;
import dev.shipgate.notification.subscription.domain.Subscription;
import dev.shipgate.support.web.PagedAnswer;
import dev.shipgate.support.web.PagedResponse;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.shipgate.notification.link.domain.ApprovalLink;
import dev.shipgate.support.security.LinkReceipts;

import java.util.List;

/** The delivery log, deployment-email subscriptions, and approve-from-email links. */
@RestController
@Validated
@RequestMapping("/api/notifications")
class NotificationController {

    private final Deliveries deliveries;
    private final Subscriptions subscriptions;
    private final ApprovalLinks links;
    private final Recipients recipients;
    private final PipelineAccess pipelineAccess;
    private final LinkReceipts receipts;

    NotificationController(Deliveries deliveries, Subscriptions subscriptions, ApprovalLinks links,
                                  Recipients recipients, PipelineAccess pipelineAccess, LinkReceipts receipts) {
        this.receipts = receipts;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.links = links;
        this.recipients = recipients;
        this.pipelineAccess = pipelineAccess;
    }

    /**
     * The log without bodies; a super admin sees every delivery, anyone else their own. {@code status}: PENDING, SENT,
     * FAILED, or HELD (the message went to the recipient's own chat; this mail goes out only if that delivery fails).
     */
    public record DeliveryView(String id, String eventId, String eventType, String recipient, String subject,
                               DeliveryStatus status, int attempts, String lastError, java.time.Instant createdAt,
                               java.time.Instant sentAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.recipient(), d.subject(), d.status(),
                    d.attempts(), d.lastError(), d.createdAt(), d.sentAt());
        }
    }

    /**
     * The mail delivery log, newest first, paged like the other lists ({@link PagedAnswer}: {@code cursor},
     * {@code X-Total-Count}, {@code Link rel="next"}); a super admin sees every delivery (or one recipient's),
     * anyone else only their own.
     */
    @GetMapping("/deliveries")
    @PagedResponse
    public ResponseEntity<List<DeliveryView>> deliveries(@AuthenticationPrincipal Jwt caller,
                                                         @RequestParam(required = false) @Size(max = 100)
                                                         String recipient,
                                                         @RequestParam(required = false) DeliveryStatus status,
                                                         @RequestParam(required = false) @Size(max = 100)
                                                         String eventId,
                                                         @RequestParam(required = false)
                                                         @Size(max = PagedAnswer.CURSOR_MAX) String cursor,
                                                         @RequestParam(defaultValue = "0") @Min(0) int page,
                                                         @RequestParam(defaultValue = "50") @Min(1) @Max(200)
                                                         int size) {
        String only = recipients.isSuperAdmin(caller.getSubject()) ? recipient : caller.getSubject();
        return PagedAnswer.of(deliveries.search(only, status, eventId, PageAt.of(cursor, page, size))
                .map(DeliveryView::of));
    }

    public record SubscriptionBody(@NotNull @Size(max = 3) List<Subscription.@NotNull DeploymentNotice> events) {
    }

    @GetMapping("/subscriptions/{pipelineId}")
    public List<Subscription> subscriptions(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId) {
        requireViewable(caller, pipelineId);
        return subscriptions.forPipeline(pipelineId).stream()
                .filter(s -> s.userId().equals(caller.getSubject()) || recipients.isSuperAdmin(caller.getSubject()))
                .toList();
    }

    /** Subscribes the caller to deployment emails of a pipeline. */
    @PutMapping("/subscriptions/{pipelineId}")
    public Subscription subscribe(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String pipelineId,
                                  @Valid @RequestBody SubscriptionBody body) {
        requireViewable(caller, pipelineId);
        Subscription subscription = new Subscription(pipelineId, caller.getSubject(), body.events());
        subscriptions.save(subscription);
        return subscription;
    }

    @DeleteMapping("/subscriptions/{pipelineId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void unsubscribe(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId) {
        requireViewable(caller, pipelineId);
        subscriptions.remove(pipelineId, caller.getSubject());
    }

    /** Like the other services, a pipeline the caller may not see is one that does not exist. */
    private void requireViewable(Jwt caller, String pipelineId) {
        if (!pipelineAccess.mayView(caller.getSubject(), pipelineId)) {
            throw Refusal.notFound("UNKNOWN_PIPELINE", "no pipeline " + pipelineId).exception();
        }
    }

    public record LinkBody(@NotBlank @Size(max = 1000) String token) {
    }

    /**
     * The request a spent link opens, the link's id, and a receipt that the UI passes with the vote so that
     * approval-service records it as made through this link (null when receipts are off: no shared token secret).
     */
    public record LinkTarget(String requestId, String linkId, String receipt) {
    }

    /** Spends an approve-from-email link and says which request it opens. */
    @PostMapping("/approval-links/redeem")
    public LinkTarget redeem(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody LinkBody body) {
        ApprovalLink link = links.spend(body.token(), caller.getSubject()); // refusals answer as LinkRefusal says
        String receipt = receipts.sign(new LinkReceipts.Receipt(link.requestId(), caller.getSubject(),
                link.nonce())).orElse(null);
        return new LinkTarget(link.requestId(), link.nonce(), receipt);
    }
}
