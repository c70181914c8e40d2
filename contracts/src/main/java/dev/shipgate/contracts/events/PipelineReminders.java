package dev.shipgate.contracts.events;

import java.time.Duration;

/**
 * A pipeline's reminder and escalation plan (issue 19), part of its configuration: approvers who have not acted are
 * reminded {@code remindAfter} the request, then every {@code remindEvery}, at most {@code maxReminders} times;
 * {@code escalateAfter} the request the members of {@code fallbackGroup} are mailed and see it in their pending list.
 * Durations are ISO-8601 (e.g. {@code PT4H}). Every field is optional: one left out (null) takes the installation's
 * default ({@code shipgate.reminders.defaults.*}), see {@link #over}. An empty {@code fallbackGroup} ({@code ""}) is
 * no escalation on this pipeline, whatever the default group. Limits (deploy-service checks them when the pipeline is
 * written): durations from one minute to 30 days, {@code maxReminders} 0 to 10.
 */
public record PipelineReminders(Duration remindAfter, Duration remindEvery, Integer maxReminders,
                                Duration escalateAfter, String fallbackGroup) {

    public PipelineReminders {
        fallbackGroup = fallbackGroup == null ? null : fallbackGroup.strip();
    }

    /** No field set: every value is the installation's default. */
    public static PipelineReminders unset() {
        return new PipelineReminders(null, null, null, null, null);
    }

    /** Whether the plan escalates: a fallback group that is not empty (an escalation time is always there). */
    public boolean escalates() {
        return fallbackGroup != null && !fallbackGroup.isEmpty();
    }

    /** This plan with each field it leaves out (null) taken from {@code defaults}. */
    public PipelineReminders over(PipelineReminders defaults) {
        return new PipelineReminders(remindAfter != null ? remindAfter : defaults.remindAfter(),
                remindEvery != null ? remindEvery : defaults.remindEvery(),
                maxReminders != null ? maxReminders : defaults.maxReminders(),
                escalateAfter != null ? escalateAfter : defaults.escalateAfter(),
                fallbackGroup != null ? fallbackGroup : defaults.fallbackGroup());
    }
}
