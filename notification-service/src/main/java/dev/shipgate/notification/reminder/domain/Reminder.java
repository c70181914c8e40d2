package dev.shipgate.notification.reminder.domain;

import dev.shipgate.contracts.events.PipelineImage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An open request as reminders see it: who has still to act, and which of its planned {@link Nudge}s is next
 * ({@code step}, an index into {@code nudges}; past the end when all are sent).
 *
 * @param fallbackGroup who an escalation mails; null when the plan has none
 * @param round         0 for the request's first plan; for a plan restarted when the approved request was reopened,
 *                      the reopening's time in epoch milliseconds (the same on every instance and replay), so that
 *                      its steps' mails have ids of their own
 */
public record Reminder(String requestId, PipelineImage image, String requestedBy, List<String> waitingOn,
                       Instant requestedAt, List<Nudge> nudges, int step, String fallbackGroup, long round) {

    public Reminder {
        waitingOn = List.copyOf(waitingOn);
        nudges = List.copyOf(nudges);
    }

    public static Reminder of(String requestId, PipelineImage image, String requestedBy, List<String> approvers,
                              Instant requestedAt, ReminderPlan plan) {
        return new Reminder(requestId, image, requestedBy, approvers, requestedAt, plan.nudges(requestedAt), 0,
                plan.fallbackGroup(), 0);
    }

    /**
     * The plan restarted when the approved request was reopened at {@code reopenedAt} (issue 19): {@code approvers}
     * (those who now have to act) are asked again from the reopening on, the whole plan counted from it (its mails
     * name the reopening as the time asked).
     */
    public static Reminder reopened(String requestId, PipelineImage image, String requestedBy, List<String> approvers,
                                    Instant reopenedAt, ReminderPlan plan) {
        return new Reminder(requestId, image, requestedBy, approvers, reopenedAt, plan.nudges(reopenedAt), 0,
                plan.fallbackGroup(), reopenedAt.toEpochMilli());
    }

    /** The next planned mail; empty when all are sent. */
    public Optional<Nudge> next() {
        return step < nudges.size() ? Optional.of(nudges.get(step)) : Optional.empty();
    }

    /** Once the next mail is sent. */
    public Reminder advanced() {
        return new Reminder(requestId, image, requestedBy, waitingOn, requestedAt, nudges, step + 1, fallbackGroup,
                round);
    }

    /** The id of the mail of this step: deliveries are unique per id and recipient, so a step is mailed once. */
    public String stepId() {
        return "reminder:" + requestId + (round == 0 ? "" : ":reopened-" + round) + ":" + step;
    }
}
