package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.domain.Escalations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The installation's default escalation ({@code shipgate.reminders.defaults.escalate-after|fallback-group}), read
 * here from the same settings as notification-service's {@code ReminderProperties}. A pipeline's own plan is a field
 * of the pipeline ({@code PipelineConfigured.reminders}) and overrides these field by field; the
 * {@code shipgate.reminders.pipelines.*} settings of earlier versions are not read, and stop the start
 * (service-support's {@code RetiredSettings}). The other keys of a plan
 * (reminders, digest) are notification-service's alone and ignored here.
 *
 * @param defaults the default plan
 */
@ConfigurationProperties("shipgate.reminders")
record EscalationSettings(@DefaultValue Plan defaults) {

    EscalationSettings {
        defaultPlan(defaults); // a bad plan stops the start
    }

    /**
     * @param escalateAfter escalation after the request (default 24 h, positive)
     * @param fallbackGroup the group that sees the request from then on (default none: no escalation)
     */
    record Plan(@DefaultValue("PT24H") Duration escalateAfter, String fallbackGroup) {
    }

    Escalations.Plan defaultPlan() {
        return defaultPlan(defaults);
    }

    private static Escalations.Plan defaultPlan(Plan plan) {
        return new Escalations.Plan(plan.escalateAfter(), plan.fallbackGroup());
    }
}
