package dev.shipgate.notification.reminder.domain;

import dev.shipgate.contracts.events.PipelineReminders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A pipeline's reminder settings (issue 19): approvers who have not acted are reminded {@code remindAfter} the request,
 * then every {@code remindEvery}, at most {@code maxReminders} times; {@code escalateAfter} the request, the members of
 * {@code fallbackGroup} are mailed. No escalation without both.
 *
 * @param maxReminders 0 to 20; 0 reminds nobody
 */
public record ReminderPlan(Duration remindAfter, Duration remindEvery, int maxReminders, Duration escalateAfter,
                           String fallbackGroup) {

    public ReminderPlan {
        if (!positive(remindAfter) || !positive(remindEvery)) {
            throw new IllegalArgumentException("remindAfter and remindEvery must be positive durations");
        }
        if (maxReminders < 0 || maxReminders > 20) {
            throw new IllegalArgumentException("maxReminders must be 0 to 20, not " + maxReminders);
        }
        if (escalateAfter != null && !positive(escalateAfter)) {
            throw new IllegalArgumentException("escalateAfter must be a positive duration");
        }
        fallbackGroup = fallbackGroup == null || fallbackGroup.isBlank() ? null : fallbackGroup;
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    /**
     * This plan with the fields {@code own} gives replacing its own (a pipeline's plan over the installation's
     * default); an empty group in {@code own} is no escalation. A plan outside this record's limits (deploy-service
     * refuses those; a future producer might not) is ignored: this plan stands, and the request's mail still goes out.
     */
    public ReminderPlan overriddenBy(PipelineReminders own) {
        if (own == null) {
            return this;
        }
        PipelineReminders plan = own.over(new PipelineReminders(remindAfter, remindEvery, maxReminders, escalateAfter,
                fallbackGroup));
        try {
            return new ReminderPlan(plan.remindAfter(), plan.remindEvery(), plan.maxReminders(), plan.escalateAfter(),
                    plan.fallbackGroup());
        } catch (IllegalArgumentException outsideItsLimits) {
            return this;
        }
    }

    public boolean escalates() {
        return escalateAfter != null && fallbackGroup != null;
    }

    /** The mails planned for a request made at {@code requestedAt}, in time order (a reminder first on a tie). */
    public List<Nudge> nudges(Instant requestedAt) {
        List<Nudge> nudges = new ArrayList<>();
        for (int i = 0; i < maxReminders; i++) {
            Instant at = requestedAt.plus(remindAfter).plus(remindEvery.multipliedBy(i));
            nudges.add(new Nudge(Nudge.Kind.REMIND, i + 1, at));
        }
        if (escalates()) {
            nudges.add(new Nudge(Nudge.Kind.ESCALATE, 1, requestedAt.plus(escalateAfter)));
        }
        nudges.sort(Comparator.comparing(Nudge::at).thenComparing(Nudge::kind));
        return List.copyOf(nudges);
    }
}
