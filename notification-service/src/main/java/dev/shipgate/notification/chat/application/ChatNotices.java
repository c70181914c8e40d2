package dev.shipgate.notification.chat.application;

import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.ApprovalRejected;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.notification.delivery.application.UiAddress;
import dev.shipgate.notification.chat.application.ChatNotice.Fact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events a chat channel hears of: approval requests, decisions (approved, rejected), deployments, and a
 * break-glass (issue 18: a deploy without approval is loud where the team works too) with its review once overdue.
 * The button opens the request's approve page (or the deployment's page): the reader signs in there and votes with
 * their own rights, under every rule; a channel gets no personal approve-from-email link, which is its approver's
 * alone.
 */
public class ChatNotices {

    private final UiAddress ui;

    public ChatNotices(UiAddress ui) {
        this.ui = ui;
    }

    /** The chat message of an event, if it is one a channel hears of. */
    public Optional<ChatNotice> of(EventPayload event) {
        if (event instanceof ApprovalRequested e) {
            List<Fact> facts = facts(e.image());
            facts.add(new Fact("Requested by", e.requestedBy()));
            facts.add(new Fact("Approvals needed", Integer.toString(e.requiredApprovals())));
            return Optional.of(new ChatNotice("Approval requested: " + what(e.image()), facts, e.comment(),
                    "Open to approve", ui.approve(e.requestId())));
        }
        if (event instanceof ImageApproved e) {
            List<Fact> facts = facts(e.image());
            facts.add(new Fact("Approved by", String.join(", ", e.approvedBy())));
            return Optional.of(new ChatNotice("Approved: " + what(e.image()), facts, null, "Open the request",
                    ui.approve(e.requestId())));
        }
        if (event instanceof ApprovalRejected e) {
            List<Fact> facts = facts(e.image());
            facts.add(new Fact("Rejected by", e.rejectedBy()));
            return Optional.of(new ChatNotice("Rejected: " + what(e.image()), facts, e.comment(), "Open the request",
                    ui.approve(e.requestId())));
        }
        if (event instanceof DeploymentStatusChanged e) {
            List<Fact> facts = facts(e.image());
            facts.add(new Fact("Requested by", e.requestedBy()));
            facts.add(new Fact("Status", e.status()));
            return Optional.of(new ChatNotice("Deployment " + e.status().toLowerCase(java.util.Locale.ROOT) + ": "
                    + what(e.image()), facts, e.detail(), "Open the deployment",
                    ui.deployment(e.image().pipelineId(), e.deploymentId())));
        }
        if (event instanceof DeploymentBrokeGlass e) {
            return Optional.of(breakGlass("Break-glass: ", e.image(), e.deploymentId(), e.brokenBy(), e.incidentRef(),
                    e.rollbackOf(), e.reviewDueAt(), e.justification()));
        }
        if (event instanceof BreakGlassReviewChanged e && "OVERDUE".equals(e.status())) {
            return Optional.of(breakGlass("Break-glass review overdue: ", e.image(), e.deploymentId(), e.brokenBy(),
                    e.incidentRef(), null, e.dueAt(), e.justification()));
        }
        return Optional.empty();
    }

    /**
     * The justification is the comment: typed text, escaped by each format as every comment is. {@code rollbackOf}:
     * the deployment a break-glass rollback returned to, or null.
     */
    private ChatNotice breakGlass(String title, PipelineImage image, String deploymentId, String brokenBy,
                                  String incidentRef, String rollbackOf, Instant reviewDueAt, String justification) {
        List<Fact> facts = facts(image);
        facts.add(new Fact("Deployed without approval by", brokenBy));
        facts.add(new Fact("Incident", incidentRef == null ? "none given" : incidentRef));
        if (rollbackOf != null) {
            facts.add(new Fact("Rollback of", rollbackOf));
        }
        facts.add(new Fact("Review due", reviewDueAt.toString()));
        return new ChatNotice(title + what(image), facts, justification, "Review the break-glass",
                ui.deployment(image.pipelineId(), deploymentId));
    }

    private static String what(PipelineImage image) {
        return image.application() + " " + image.tag() + " for " + image.environment();
    }

    private static List<Fact> facts(PipelineImage image) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Application", image.application()));
        facts.add(new Fact("Environment", image.environment()));
        facts.add(new Fact("Image", image.tag() + " (" + image.digest() + ")"));
        return facts;
    }
}
