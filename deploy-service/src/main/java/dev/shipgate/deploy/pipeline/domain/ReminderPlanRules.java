package dev.shipgate.deploy.pipeline.domain;

import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.contracts.refusal.Refusal;

import java.time.Duration;

/**
 * The limits of a pipeline's reminder plan (issue 19): each duration given is from one minute ({@link #SHORTEST}: a
 * reminder pass runs every few seconds, a shorter plan would mail on every pass) to 30 days ({@link #LONGEST}, past
 * any request's lifetime), {@code maxReminders} from 0 (nobody reminded) to {@link #MOST_REMINDERS}, a fallback group
 * a name of 1 to 100 characters. A field left out is the installation's default and not checked here.
 */
public final class ReminderPlanRules {

    /** The request body's name of the plan; a refusal names {@code reminders.<field>}. */
    public static final String FIELD = "reminders";
    public static final Duration SHORTEST = Duration.ofMinutes(1);
    public static final Duration LONGEST = Duration.ofDays(30);
    public static final int MOST_REMINDERS = 10;
    public static final int LONGEST_GROUP_NAME = 100;

    private ReminderPlanRules() {
    }

    /**
     * @throws dev.shipgate.contracts.refusal.RefusedException INVALID_REQUEST (400) naming the first field out of its
     *                                                         limits, e.g. {@code reminders.remindAfter}
     */
    public static void check(PipelineReminders plan) {
        if (plan == null) {
            return;
        }
        duration("remindAfter", plan.remindAfter());
        duration("remindEvery", plan.remindEvery());
        duration("escalateAfter", plan.escalateAfter());
        if (plan.maxReminders() != null && (plan.maxReminders() < 0 || plan.maxReminders() > MOST_REMINDERS)) {
            throw Refusal.invalidField(FIELD + ".maxReminders", "must be from 0 to " + MOST_REMINDERS).exception();
        }
        if (plan.fallbackGroup() != null && plan.fallbackGroup().length() > LONGEST_GROUP_NAME) {
            throw Refusal.invalidField(FIELD + ".fallbackGroup", "must be at most " + LONGEST_GROUP_NAME
                    + " characters").exception();
        }
    }

    /** Whether a duration given for a plan is within the limits. */
    public static boolean withinLimits(Duration duration) {
        return duration.compareTo(SHORTEST) >= 0 && duration.compareTo(LONGEST) <= 0;
    }

    private static void duration(String field, Duration duration) {
        if (duration != null && !withinLimits(duration)) {
            throw Refusal.invalidField(FIELD + "." + field, "must be an ISO-8601 duration from PT1M to P30D, not "
                    + duration).exception();
        }
    }
}
