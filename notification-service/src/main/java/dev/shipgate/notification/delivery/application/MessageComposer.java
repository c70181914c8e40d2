package dev.shipgate.notification.delivery.application;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.ApprovalCancelled;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ApprovalRejected;
import dev.shipgate.contracts.events.ApprovalReopened;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.notification.delivery.domain.Message;
import dev.shipgate.notification.link.application.ApprovalLinks;
import dev.shipgate.notification.recipient.application.RequestMemory;
import dev.shipgate.notification.subscription.application.PipelineAccess;
import dev.shipgate.notification.subscription.application.Subscriptions;
import dev.shipgate.notification.subscription.domain.Subscription.DeploymentNotice;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decides who hears of an event and what the email says. */
public class MessageComposer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final EmailTemplates templates;
    private final ApprovalLinks links;
    private final RequestMemory requests;
    private final Subscriptions subscriptions;
    private final PipelineAccess pipelineAccess;
    private final UiAddress ui;

    public MessageComposer(EmailTemplates templates, ApprovalLinks links, RequestMemory requests,
                           Subscriptions subscriptions, PipelineAccess pipelineAccess, UiAddress ui) {
        this.templates = templates;
        this.links = links;
        this.requests = requests;
        this.subscriptions = subscriptions;
        this.pipelineAccess = pipelineAccess;
        this.ui = ui;
    }

    /**
     * ", as deputy of carol" when the approver was asked in place of away approvers (issue 19); the templates escape
     * it with the rest of the intro.
     */
    private static String asDeputy(List<String> awayApprovers) {
        return awayApprovers.isEmpty() ? "" : ", as deputy of " + String.join(" and ", awayApprovers) + ",";
    }

    public List<Message> compose(EventEnvelope<? extends EventPayload> event) {
        String when = TIME.format(event.time());
        EventPayload data = event.data();
        if (data instanceof ApprovalRequested e) {
            requests.remember(e.requestId(), e.approvers());
            return e.approvers().stream().map(approver -> toApprove(approver, e.requestId(),
                    "Approval requested: " + title(e.image()),
                    e.requestedBy() + " asks you" + asDeputy(e.standsInFor(approver))
                            + " to approve an image for deployment.",
                    facts(e.image(), e.requestedBy(), when), e.comment())).toList();
        }
        if (data instanceof ImageApproved e) {
            return List.of(message(e.requestedBy(), "Approved: " + title(e.image()),
                    "Your image is approved by " + String.join(", ", e.approvedBy()) + " and can be deployed.",
                    facts(e.image(), e.requestedBy(), when), null, pipelinePage(e.image()), "Deploy it"));
        }
        if (data instanceof ApprovalRejected e) {
            return List.of(message(e.requestedBy(), "Rejected: " + title(e.image()),
                    e.rejectedBy() + " rejected your approval request.", facts(e.image(), e.requestedBy(), when),
                    e.comment(), pipelinePage(e.image()), "Open the pipeline"));
        }
        if (data instanceof ApprovalCancelled e) {
            return requests.approversOf(e.requestId()).stream().map(approver -> message(approver,
                    "Cancelled: " + title(e.image()),
                    e.cancelledBy() + " cancelled the approval request; nothing is waiting for you.",
                    facts(e.image(), e.requestedBy(), when), null, pipelinePage(e.image()), "Open the pipeline"))
                    .toList();
        }
        if (data instanceof ApprovalExpired e) {
            return List.of(message(e.requestedBy(), "Expired: " + title(e.image()),
                    e.expiredBy() == null ? "The approval expired: its lifetime ended."
                            : e.expiredBy() + " let the approval expire.",
                    facts(e.image(), e.requestedBy(), when), null, pipelinePage(e.image()), "Open the pipeline"));
        }
        if (data instanceof ApprovalReopened e) {
            List<Map<String, String>> facts = facts(e.image(), e.requestedBy(), when);
            facts.add(fact("Counted approvals", e.counted().size() + " of " + e.requiredApprovals()
                    + (e.counted().isEmpty() ? "" : " (" + String.join(", ", e.counted()) + ")")));
            return List.of(message(e.requestedBy(), "Approval reopened: " + title(e.image()),
                    "Your approved image can no longer be deployed: the approval " + e.reason()
                            + ". It waits for approvals again.",
                    facts, null, pipelinePage(e.image()), "Open the pipeline"));
        }
        if (data instanceof DeploymentStatusChanged e) {
            return deploymentMessages(e, when);
        }
        if (data instanceof DeploymentScheduleChanged e && isVoided(e)) { // issue 18: approve now, deploy later
            List<Map<String, String>> facts = facts(e.image(), e.requestedBy(), when);
            facts.add(fact("Was to start", TIME.format(e.runAt())));
            facts.add(fact("Reason", e.reason()));
            return List.of(message(e.requestedBy(), "Scheduled deploy voided: " + title(e.image()),
                    "Your scheduled deployment will not start: " + e.detail() + ".", facts, null,
                    pipelinePage(e.image()), "Open the pipeline"));
        }
        if (data instanceof DeploymentBrokeGlass e) { // issue 18: at once, to everyone who must know
            return breakGlassMessages(e.image(), e.deploymentId(), e.brokenBy(), e.justification(), e.incidentRef(),
                    e.reviewDueAt(), when, "Break-glass: ", e.brokenBy() + " deployed without an approval"
                            + (e.rollbackOf() == null ? "" : " (a rollback)") + ". An approver other than them must "
                            + "review it.");
        }
        if (data instanceof BreakGlassReviewChanged e && isOverdue(e)) {
            return breakGlassMessages(e.image(), e.deploymentId(), e.brokenBy(), e.justification(), e.incidentRef(),
                    e.dueAt(), when, "Break-glass review overdue: ", "The break-glass deployment by " + e.brokenBy()
                            + " still waits for its review by an approver other than them.");
        }
        return List.of();
    }

    /** The justification is the user's own text: the templates escape it as every value (and it is no subject). */
    private List<Message> breakGlassMessages(PipelineImage image, String deploymentId, String brokenBy,
                                             String justification, String incidentRef, Instant reviewDueAt,
                                             String when, String subject, String intro) {
        List<Map<String, String>> facts = facts(image, brokenBy, when);
        facts.add(fact("Incident", incidentRef == null ? "none given" : incidentRef));
        facts.add(fact("Review due", TIME.format(reviewDueAt)));
        return pipelineAccess.approversAndAdmins(image.pipelineId()).stream()
                .map(user -> message(user, subject + title(image), intro, facts, justification,
                        ui.deployment(image.pipelineId(), deploymentId),
                        "Review the break-glass"))
                .toList();
    }

    /**
     * A reminder to an approver who has not acted on a request they were asked to approve (issue 19).
     *
     * @param number 1 for the first reminder
     */
    public Message reminder(String approver, String requestId, PipelineImage image, String requestedBy,
                            Instant requestedAt, int number) {
        return toApprove(approver, requestId, "Reminder " + number + ": approval requested: " + title(image),
                requestedBy + " is still waiting for you to approve or reject this image.",
                facts(image, requestedBy, TIME.format(requestedAt)), null);
    }

    /**
     * To a member of a pipeline's fallback group when a request has waited too long: they are told, and may act only
     * with the rights they have.
     */
    public Message escalation(String member, PipelineImage image, String requestedBy, Instant requestedAt,
                              List<String> waitingOn) {
        List<Map<String, String>> facts = facts(image, requestedBy, TIME.format(requestedAt));
        facts.add(fact("Still waiting on", String.join(", ", waitingOn)));
        return message(member, "Escalated: approval waiting: " + title(image),
                "This approval request has waited too long; you are asked as the pipeline's fallback group.",
                facts, null, pipelinePage(image), "Open the pipeline");
    }

    /** The daily digest of the requests waiting for one approver, oldest first. */
    public Message digest(String approver, List<WaitingRequest> waiting) {
        List<Map<String, String>> facts = new ArrayList<>();
        for (WaitingRequest request : waiting) {
            facts.add(fact(title(request.image()), "asked by " + request.requestedBy() + " at "
                    + TIME.format(request.requestedAt())));
        }
        return message(approver, waiting.size() + (waiting.size() == 1 ? " request waits" : " requests wait")
                        + " for your approval", "These approval requests still wait for you:", facts, null,
                ui.pending(), "Open your pending approvals");
    }

    /** A request in a digest. */
    public record WaitingRequest(PipelineImage image, String requestedBy, Instant requestedAt) {
    }

    /**
     * Whether {@link #compose} may make mail of this event (the others, such as votes and the AUTHORIZED step, are
     * skipped by the listeners without any bookkeeping). A new kind of mail must be added here too.
     */
    public static boolean mayMail(EventPayload data) {
        return data instanceof ApprovalRequested || data instanceof ImageApproved || data instanceof ApprovalRejected
                || data instanceof ApprovalCancelled || data instanceof ApprovalExpired
                || data instanceof ApprovalReopened
                || data instanceof DeploymentScheduleChanged scheduled && isVoided(scheduled)
                || data instanceof DeploymentBrokeGlass
                || data instanceof BreakGlassReviewChanged review && isOverdue(review)
                || data instanceof DeploymentStatusChanged changed && noticeFor(changed.status()).isPresent();
    }

    /** A voided schedule is news to who scheduled it; one stored or started is not (the deployment's mails follow). */
    private static boolean isVoided(DeploymentScheduleChanged changed) {
        return "VOIDED".equals(changed.status());
    }

    /** An overdue review is mailed again; a closed one is news to nobody by mail (it is on the timeline). */
    private static boolean isOverdue(BreakGlassReviewChanged changed) {
        return "OVERDUE".equals(changed.status());
    }

    /** The meaning of a status is the contract's ({@link DeploymentStatusChanged.Status}). */
    private static Optional<DeploymentNotice> noticeFor(String status) {
        return DeploymentStatusChanged.Status.named(status).flatMap(known -> {
            if (known == DeploymentStatusChanged.Status.PROGRESSING) {
                return Optional.of(DeploymentNotice.STARTED);
            }
            if (known == DeploymentStatusChanged.Status.HEALTHY) {
                return Optional.of(DeploymentNotice.SUCCEEDED);
            }
            return known.isFailure() ? Optional.of(DeploymentNotice.FAILED) : Optional.empty();
        });
    }

    private List<Message> deploymentMessages(DeploymentStatusChanged e, String when) {
        Optional<DeploymentNotice> notice = noticeFor(e.status());
        if (notice.isEmpty()) {
            return List.of();
        }
        String verb = switch (notice.get()) {
            case STARTED -> "Deployment started";
            case SUCCEEDED -> "Deployment succeeded";
            case FAILED -> "Deployment failed";
        };
        List<Map<String, String>> facts = facts(e.image(), e.requestedBy(), when);
        facts.add(fact("Status", e.status()));
        return subscriptions.subscribers(e.image().pipelineId(), notice.get()).stream()
                .filter(user -> pipelineAccess.mayView(user, e.image().pipelineId()))
                .map(user -> message(user, verb + ": " + title(e.image()), e.detail(), facts, null,
                        ui.deployment(e.image().pipelineId(), e.deploymentId()),
                        "Open App Details"))
                .toList();
    }

    /**
     * A message whose button opens the request's approve page: in the mail with the approver's own
     * approve-from-email link, in its summary (what a chat shows, which others may see) without it.
     */
    private Message toApprove(String approver, String requestId, String subject, String intro,
                              List<Map<String, String>> facts, String comment) {
        String page = ui.approve(requestId);
        return message(approver, subject, intro, facts, comment, page + "?link=" + links.issue(requestId, approver),
                page, "Review and approve");
    }

    private Message message(String recipient, String subject, String intro, List<Map<String, String>> facts,
                            String comment, String actionUrl, String actionLabel) {
        return message(recipient, subject, intro, facts, comment, actionUrl, actionUrl, actionLabel);
    }

    /** @param pageUrl the page the button opens for other readers than the mail's (its summary's) */
    private Message message(String recipient, String subject, String intro, List<Map<String, String>> facts,
                            String comment, String actionUrl, String pageUrl, String actionLabel) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", subject);
        model.put("intro", intro == null ? "" : intro);
        model.put("facts", facts);
        model.put("comment", comment == null || comment.isBlank() ? null : comment);
        model.put("actionUrl", actionUrl);
        model.put("actionLabel", actionLabel);
        Message.Summary summary = new Message.Summary(intro == null ? "" : intro, facts.stream()
                .map(fact -> new Message.Fact(fact.get("label"), fact.get("value"))).toList(), comment, pageUrl,
                actionLabel);
        return new Message(recipient, subject, templates.html(model), templates.text(model), summary);
    }

    private String pipelinePage(PipelineImage image) {
        return ui.pipeline(image.pipelineId());
    }

    private static String title(PipelineImage image) {
        return image.application() + " " + image.tag() + " to " + image.environment();
    }


    private static List<Map<String, String>> facts(PipelineImage image, String requester, String when) {
        List<Map<String, String>> facts = new ArrayList<>();
        facts.add(fact("Application", image.application()));
        facts.add(fact("Environment", image.environment()));
        facts.add(fact("Image tag", image.tag()));
        facts.add(fact("Digest", image.digest()));
        facts.add(fact("Requested by", requester));
        facts.add(fact("Time", when));
        return facts;
    }

    private static Map<String, String> fact(String label, String value) {
        return Map.of("label", label, "value", value == null ? "" : value);
    }
}
