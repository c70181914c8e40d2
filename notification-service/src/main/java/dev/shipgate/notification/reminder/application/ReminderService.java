package dev.shipgate.notification.reminder.application;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.ApprovalCancelled;
import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ApprovalGiven;
import dev.shipgate.contracts.events.ApprovalRejected;
import dev.shipgate.contracts.events.ApprovalReopened;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.ApprovalWithdrawn;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.notification.delivery.application.MessageComposer;
import dev.shipgate.notification.delivery.application.NotificationService;
import dev.shipgate.notification.delivery.domain.Message;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.recipient.application.RequestMemory;
import dev.shipgate.notification.reminder.domain.Nudge;
import dev.shipgate.notification.reminder.domain.Reminder;
import dev.shipgate.support.messaging.EventFollower;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Reminders and escalation (issue 19): follows the approval events to know who has still to act, and mails each due
 * step once, whichever instance claims it.
 * <p>
 * A step is claimed, mailed, then advanced. Its mail is delivered under the step's id ({@link Reminder#stepId}), one
 * delivery per recipient: an instance that dies after mailing and before advancing leaves the step to be claimed
 * again when its claim ends, and the second mailing adds nothing. So each approver gets exactly one reminder per step.
 */
public class ReminderService implements EventFollower {

    public static final String REMINDER_TYPE = "dev.shipgate.notification.reminder";
    public static final String ESCALATION_TYPE = "dev.shipgate.notification.escalation";
    /** Steps sent per pass at most: the next pass goes on. */
    static final int PASS = 100;

    private final Reminders reminders;
    private final ReminderPlans plans;
    private final NotificationService notifications;
    private final Recipients recipients;
    private final RequestMemory asked;
    private final Clock clock;
    private final Duration claimDuration;

    /** @param asked whom each request asked first (the approvers a reopened request asks again) */
    public ReminderService(Reminders reminders, ReminderPlans plans, NotificationService notifications,
                           Recipients recipients, RequestMemory asked, Clock clock, Duration claimDuration) {
        this.reminders = reminders;
        this.plans = plans;
        this.notifications = notifications;
        this.recipients = recipients;
        this.asked = asked;
        this.clock = clock;
        this.claimDuration = claimDuration;
    }

    @Override
    public boolean follows(EventPayload data) {
        return data instanceof ApprovalRequested || data instanceof ApprovalGiven || data instanceof ImageApproved
                || data instanceof ApprovalWithdrawn || data instanceof ApprovalReopened
                || data instanceof ApprovalRejected || data instanceof ApprovalCancelled
                || data instanceof ApprovalExpired;
    }

    /** The request's time is the event's, so each instance and each replay plans the same due times. */
    @Override
    public void follow(EventEnvelope<? extends EventPayload> event) {
        EventPayload data = event.data();
        if (data instanceof ApprovalRequested e) {
            reminders.track(Reminder.of(e.requestId(), e.image(), e.requestedBy(),
                    e.approvers().stream().map(UserIds::canonical).toList(), event.time(),
                    plans.forPipeline(e.image().pipelineId())));
        } else if (data instanceof ApprovalGiven e) {
            reminders.acted(e.requestId(), UserIds.canonical(e.approver()));
        } else if (data instanceof ApprovalWithdrawn e) {
            String withdrawer = UserIds.canonical(e.withdrawnBy());
            if (wasAsked(e.requestId(), withdrawer)) { // anyone eligible may vote; only who was asked is reminded
                reminders.waitingAgain(e.requestId(), withdrawer);
            }
        } else if (data instanceof ApprovalReopened e) {
            restart(e, event.time());
        } else if (data instanceof ImageApproved e) {
            reminders.close(e.requestId());
        } else if (data instanceof ApprovalRejected e) {
            reminders.close(e.requestId());
        } else if (data instanceof ApprovalCancelled e) {
            reminders.close(e.requestId());
        } else if (data instanceof ApprovalExpired e) {
            reminders.close(e.requestId());
        }
    }

    private boolean wasAsked(String requestId, String approver) {
        return asked.approversOf(requestId).stream().map(UserIds::canonical).anyMatch(approver::equals);
    }

    /**
     * The approved request was reopened (its approval no longer meets the policy): its plan starts again, from the
     * reopening, for the approvers first asked who do not count now.
     */
    private void restart(ApprovalReopened reopened, Instant at) {
        List<String> counted = reopened.counted().stream().map(UserIds::canonical).toList();
        List<String> toAct = asked.approversOf(reopened.requestId()).stream().map(UserIds::canonical).distinct()
                .filter(approver -> !counted.contains(approver)).toList();
        if (!toAct.isEmpty()) {
            reminders.track(Reminder.reopened(reopened.requestId(), reopened.image(), reopened.requestedBy(), toAct,
                    at, plans.forPipeline(reopened.image().pipelineId())));
        }
    }

    /** Mails the due steps; returns how many steps were sent. Safe to run on every instance at once. */
    public int sendDue() {
        int sent = 0;
        while (sent < PASS) {
            Instant now = clock.instant();
            var claimed = reminders.claimDue(now, now.plus(claimDuration).truncatedTo(ChronoUnit.MILLIS));
            if (claimed.isEmpty()) {
                break;
            }
            mail(claimed.get());
            reminders.advance(claimed.get());
            sent++;
        }
        return sent;
    }

    private void mail(Reminder reminder) {
        Nudge nudge = reminder.next().orElseThrow();
        MessageComposer composer = notifications.composer();
        if (nudge.kind() == Nudge.Kind.REMIND) {
            List<Message> messages = reminder.waitingOn().stream().map(approver -> composer.reminder(approver,
                    reminder.requestId(), reminder.image(), reminder.requestedBy(), reminder.requestedAt(),
                    nudge.number())).toList();
            notifications.deliver(reminder.stepId(), REMINDER_TYPE, messages);
        } else {
            String requester = UserIds.canonical(reminder.requestedBy());
            List<Message> messages = recipients.membersOf(reminder.fallbackGroup()).stream()
                    .filter(member -> !member.equals(requester))
                    .map(member -> composer.escalation(member, reminder.image(), reminder.requestedBy(),
                            reminder.requestedAt(), reminder.waitingOn())).toList();
            notifications.deliver(reminder.stepId(), ESCALATION_TYPE, messages);
        }
    }
}
