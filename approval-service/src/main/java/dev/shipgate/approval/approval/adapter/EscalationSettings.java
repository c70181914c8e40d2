package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.domain.Escalations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The escalation part of the reminder plans ({@code shipgate.reminders.*}), read here from the same settings as
 * notification-service's {@code ReminderProperties} (give both services the same {@code SHIPGATE_REMINDERS_*}
 * variables: in deploy/k8s they come from the shared ConfigMap). The other keys of a plan (reminders, digest) are
 * notification-service's alone and ignored here.
 *
 * @param defaults  the plan of every pipeline without its own
 * @param pipelines plans by pipeline id; a field left out takes the built-in default, not {@code defaults}'
 */
@ConfigurationProperties("shipgate.reminders")
record EscalationSettings(@DefaultValue Plan defaults, Map<String, Plan> pipelines) {

    EscalationSettings {
        pipelines = pipelines == null ? Map.of() : Map.copyOf(pipelines);
        escalations(defaults, pipelines); // a bad plan stops the start
    }

    /**
     * A plan as notification-service binds it. Its reminder fields are notification-service's and unused here; they
     * are bound so that a pipeline whose plan sets only them has a plan of its own here too (without its fallback
     * group, so never escalated), as it has there, instead of taking {@code defaults}.
     *
     * @param escalateAfter escalation after the request (default 24 h, positive)
     * @param fallbackGroup the group that sees the request from then on (default none: no escalation)
     * @param remindAfter   notification-service's, unused here
     * @param remindEvery   notification-service's, unused here
     * @param maxReminders  notification-service's, unused here
     */
    record Plan(@DefaultValue("PT24H") Duration escalateAfter, String fallbackGroup, Duration remindAfter,
                Duration remindEvery, Integer maxReminders) {
    }

    Escalations escalations() {
        return escalations(defaults, pipelines);
    }

    private static Escalations escalations(Plan defaults, Map<String, Plan> pipelines) {
        return new Escalations(plan(defaults), pipelines.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> plan(entry.getValue()))));
    }

    private static Escalations.Plan plan(Plan plan) {
        return new Escalations.Plan(plan.escalateAfter(), plan.fallbackGroup());
    }
}
