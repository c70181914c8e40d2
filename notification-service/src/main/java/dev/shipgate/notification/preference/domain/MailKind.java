package dev.shipgate.notification.preference.domain;

import java.util.List;
import java.util.Optional;

/**
 * The kinds of mail a person chooses to receive or not, each with the event types (CloudEvents {@code type}) whose
 * mails it covers. {@link #APPROVAL_REQUESTS} is required: it reaches only the approvers a request names (or asks by
 * default, or their deputies), who cannot mute being asked while named (issue 19).
 */
public enum MailKind {
    APPROVAL_REQUESTS(true, "ApprovalRequested"),
    REMINDERS(false, "dev.shipgate.notification.reminder"),
    ESCALATIONS(false, "dev.shipgate.notification.escalation"),
    DIGEST(false, "dev.shipgate.notification.digest"),
    DECISIONS(false, "ImageApproved", "ApprovalRejected", "ApprovalCancelled", "ApprovalExpired",
            "ApprovalReopened"),
    DEPLOYMENTS(false, "DeploymentStatusChanged", "DeploymentScheduleChanged");

    private final boolean required;
    private final List<String> eventTypes;

    MailKind(boolean required, String... eventTypes) {
        this.required = required;
        this.eventTypes = List.of(eventTypes);
    }

    /** Whether the role that brings this mail requires it: it cannot be muted. */
    public boolean required() {
        return required;
    }

    /** The kind whose mails an event type makes; empty for mail nobody chooses (e.g. a paused webhook's owner). */
    public static Optional<MailKind> of(String eventType) {
        for (MailKind kind : values()) {
            if (kind.eventTypes.contains(eventType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
