package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.events.PipelineReminders;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When a pipeline's pending requests are escalated, and to which group (issue 19): the escalation part of the
 * reminder plans notification-service mails by. Both services take a pipeline's plan from its configuration
 * ({@code PipelineConfigured.reminders}) over the installation's default ({@code shipgate.reminders.defaults.*}), so
 * the group mailed is the group that sees the request.
 *
 * @param defaults  the plan of every pipeline without its own
 * @param pipelines plans by pipeline id, each complete (see {@link #of}); a pipeline listed here never takes
 *                  {@code defaults}
 */
public record Escalations(Plan defaults, Map<String, Plan> pipelines) {

    /** The built-in time to escalation, as notification-service's: 24 hours after the request. */
    public static final Duration DEFAULT_AFTER = Duration.ofHours(24);

    public Escalations {
        pipelines = Map.copyOf(pipelines);
    }

    /**
     * The escalations of pipelines with their own plans ({@code own}, by pipeline id): a field a plan leaves out is
     * {@code defaults}' (an empty group: that pipeline is never escalated); every other pipeline has {@code defaults}.
     * A time to escalation that is not positive (deploy-service refuses one; a future producer might not) is the
     * default's too: one pipeline's bad plan must not fail every read that asks who was escalated to.
     */
    public static Escalations of(Plan defaults, Map<String, PipelineReminders> own) {
        return new Escalations(defaults, own.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> new Plan(positive(entry.getValue().escalateAfter()) ? entry.getValue().escalateAfter()
                        : defaults.after(), entry.getValue().fallbackGroup() != null
                        ? entry.getValue().fallbackGroup() : defaults.group()))));
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    /** No pipeline escalates. */
    public static Escalations none() {
        return new Escalations(new Plan(DEFAULT_AFTER, null), Map.of());
    }

    /** The pipeline's plan when it has a fallback group; empty when its requests are never escalated. */
    public Optional<Plan> of(String pipelineId) {
        Plan plan = pipelines.getOrDefault(pipelineId, defaults);
        return plan.escalates() ? Optional.of(plan) : Optional.empty();
    }

    /**
     * @param after time from the request's creation to its escalation (positive)
     * @param group the fallback group's name; null or blank for no escalation
     */
    public record Plan(Duration after, String group) {

        public Plan {
            if (after == null || after.isNegative() || after.isZero()) {
                throw new IllegalArgumentException("the time to escalation must be positive");
            }
        }

        boolean escalates() {
            return group != null && !group.isBlank();
        }
    }
}
