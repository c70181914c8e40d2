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
 */
public record Reminder(String requestId, PipelineImage image, String requestedBy, List<String> waitingOn,
                       Instant requestedAt, List<Nudge> nudges, int step, String fallbackGroup) {

    public Reminder {
        waitingOn = List.copyOf(waitingOn);
        nudges = List.copyOf(nudges);
    }

    public static Reminder of(String requestId, PipelineImage image, String requestedBy, List<String> approvers,
                              Instant requestedAt, ReminderPlan plan) {
        return new Reminder(requestId, image, requestedBy, approvers, requestedAt, plan.nudges(requestedAt), 0,
                plan.fallbackGroup());
    }

    /** The next planned mail; empty when all are sent. */
    public Optional<Nudge> next() {
        return step < nudges.size() ? Optional.of(nudges.get(step)) : Optional.empty();
    }

    /** Once the next mail is sent. */
    public Reminder advanced() {
        return new Reminder(requestId, image, requestedBy, waitingOn, requestedAt, nudges, step + 1, fallbackGroup);
    }

    /** The id of the mail of this step: deliveries are unique per id and recipient, so a step is mailed once. */
    public String stepId() {
        return "reminder:" + requestId + ":" + step;
    }
}
