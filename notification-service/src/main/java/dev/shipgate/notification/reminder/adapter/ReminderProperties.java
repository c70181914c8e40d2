package dev.shipgate.notification.reminder.adapter;

import dev.shipgate.notification.reminder.application.ReminderPlans;
import dev.shipgate.notification.reminder.domain.ReminderPlan;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalTime;

/**
 * Reminders, escalation and the daily digest ({@code shipgate.reminders.*}); checked at start.
 *
 * @param poll      the pause between two passes over the due reminders (default 15 s)
 * @param digestAt  the time of day (UTC) of the daily digest (default 08:00)
 * @param defaults  the installation's plan: a pipeline's own plan (a field of the pipeline, {@code reminders} in its
 *                  {@code PipelineConfigured}) overrides it field by field; the {@code shipgate.reminders.pipelines.*}
 *                  settings of earlier versions are not read, and stop the start (service-support's
 *                  {@code RetiredSettings})
 */
@ConfigurationProperties("shipgate.reminders")
record ReminderProperties(@DefaultValue("PT15S") Duration poll, @DefaultValue("08:00") LocalTime digestAt,
                          @DefaultValue Plan defaults) {

    ReminderProperties {
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("shipgate.reminders.poll must be positive");
        }
        defaults.toPlan(); // a bad plan stops the start, not the first reminder
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

    /** Each pipeline's plan: its own, from the pipeline replica, over the installation's. */
    ReminderPlans plans(PipelineScopes pipelines) {
        ReminderPlan installation = defaults.toPlan();
        return pipelineId -> installation.overriddenBy(pipelines.remindersOf(pipelineId).orElse(null));
    }
}
