package dev.shipgate.notification.reminder.application;

import dev.shipgate.notification.reminder.domain.ReminderPlan;

/** Each pipeline's reminder settings (its own, or the installation's default). */
@FunctionalInterface
public interface ReminderPlans {

    ReminderPlan forPipeline(String pipelineId);
}
