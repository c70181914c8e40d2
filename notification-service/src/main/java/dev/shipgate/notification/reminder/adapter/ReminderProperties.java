package dev.shipgate.notification.reminder.adapter;

import dev.shipgate.notification.reminder.application.ReminderPlans;
import dev.shipgate.notification.reminder.domain.ReminderPlan;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

/**
 * Reminders, escalation and the daily digest ({@code shipgate.reminders.*}); checked at start.
 *
 * @param poll      the pause between two passes over the due reminders (default 15 s)
 * @param digestAt  the time of day (UTC) of the daily digest (default 08:00)
 * @param defaults  the plan of every pipeline without its own
 * @param pipelines plans by pipeline id ({@code shipgate.reminders.pipelines.pl-1.remind-after=PT1H}); a field left
 *                  out takes the built-in default, not {@code defaults}'
 */
@ConfigurationProperties("shipgate.reminders")
record ReminderProperties(@DefaultValue("PT15S") Duration poll, @DefaultValue("08:00") LocalTime digestAt,
                          @DefaultValue Plan defaults, Map<String, Plan> pipelines) {

    ReminderProperties {
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("shipgate.reminders.poll must be positive");
        }
        pipelines = pipelines == null ? Map.of() : Map.copyOf(pipelines);
        defaults.toPlan();
        pipelines.values().forEach(Plan::toPlan); // a bad plan stops the start, not the first reminder
    }

    /**
     * @param remindAfter   first reminder after the request (default 4 h)
     * @param remindEvery   then again every (default 4 h)
     * @param maxReminders  at most this many reminders, 0 to 20 (default 2)
     * @param escalateAfter escalation after the request (default 24 h); only with a fallback group
     * @param fallbackGroup the group mailed on escalation (default none: no escalation)
     */
    record Plan(@DefaultValue("PT4H") Duration remindAfter, @DefaultValue("PT4H") Duration remindEvery,
                @DefaultValue("2") int maxReminders, @DefaultValue("PT24H") Duration escalateAfter,
                String fallbackGroup) {

        ReminderPlan toPlan() {
            return new ReminderPlan(remindAfter, remindEvery, maxReminders, escalateAfter, fallbackGroup);
        }
    }

    ReminderPlans plans() {
        return pipelineId -> pipelines.getOrDefault(pipelineId, defaults).toPlan();
    }
}
