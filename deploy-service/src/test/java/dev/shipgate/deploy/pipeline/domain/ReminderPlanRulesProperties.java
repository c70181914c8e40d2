package dev.shipgate.deploy.pipeline.domain;

import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.contracts.refusal.RefusedException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A pipeline's reminder plan within its limits (issue 19): a plan is accepted exactly when every field it gives is
 * within its own limits, and a refused plan names the first field out of them (durations, count, group).
 */
class ReminderPlanRulesProperties {

    @Property(tries = 500)
    void a_plan_is_accepted_exactly_when_each_given_field_is_within_its_limits(@ForAll("plans") PipelineReminders plan) {
        List<String> outOfLimits = outOfLimits(plan);
        RefusedException refused = catchThrowableOfType(RefusedException.class, () -> ReminderPlanRules.check(plan));
        if (outOfLimits.isEmpty()) {
            assertThat(refused).as("a plan within its limits").isNull();
        } else {
            assertThat(refused).as("out of limits: " + outOfLimits).isNotNull();
            assertThat(refused.refusal().field()).isEqualTo("reminders." + outOfLimits.get(0));
            assertThat(refused.refusal().kind().name()).isEqualTo("INVALID");
        }
    }

    @Example
    void the_limits_themselves_are_inside_and_one_second_or_one_reminder_beyond_is_outside() {
        assertThatCode(() -> ReminderPlanRules.check(new PipelineReminders(Duration.ofMinutes(1), Duration.ofDays(30),
                10, Duration.ofMinutes(1), "g"))).doesNotThrowAnyException();
        assertThatCode(() -> ReminderPlanRules.check(new PipelineReminders(null, null, 0, null, null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> ReminderPlanRules.check(null)).doesNotThrowAnyException();
        assertThat(ReminderPlanRules.withinLimits(Duration.ofSeconds(59))).isFalse();
        assertThat(ReminderPlanRules.withinLimits(Duration.ofDays(30).plusSeconds(1))).isFalse();
    }

    @Example
    void the_plan_travels_in_the_pipeline_s_event() {
        PipelineReminders plan = new PipelineReminders(Duration.ofHours(1), null, 2, null, "release-managers");
        Pipeline pipeline = new Pipeline("pl-1", "shop", "payments", "prod", "simulated", null, "ROLLING",
                ApprovalSettings.none(), Pipeline.Trigger.MANUAL, plan, false, 0);

        assertThat(pipeline.toEvent().reminders()).isEqualTo(plan);
    }

    /** The model: which fields are out of their limits, in the body's order. */
    private static List<String> outOfLimits(PipelineReminders plan) {
        List<String> out = new ArrayList<>();
        addIfOut(out, "remindAfter", plan.remindAfter());
        addIfOut(out, "remindEvery", plan.remindEvery());
        addIfOut(out, "escalateAfter", plan.escalateAfter());
        if (plan.maxReminders() != null && (plan.maxReminders() < 0 || plan.maxReminders() > 10)) {
            out.add("maxReminders");
        }
        if (plan.fallbackGroup() != null && plan.fallbackGroup().length() > 100) {
            out.add("fallbackGroup");
        }
        return out;
    }

    private static void addIfOut(List<String> out, String field, Duration duration) {
        if (duration != null && (duration.getSeconds() < 60 || duration.compareTo(Duration.ofDays(30)) > 0)) {
            out.add(field);
        }
    }

    @Provide
    Arbitrary<PipelineReminders> plans() {
        // seconds around both limits, negative included, or left out
        Arbitrary<Duration> durations = Arbitraries.oneOf(Arbitraries.longs().between(-120, 180),
                        Arbitraries.longs().between(2_591_880, 2_592_120), Arbitraries.longs().between(0, 3_000_000))
                .map(Duration::ofSeconds).injectNull(0.25);
        Arbitrary<Integer> counts = Arbitraries.integers().between(-3, 13).injectNull(0.25);
        Arbitrary<String> groups = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(110).injectNull(0.3);
        return Combinators.combine(durations, durations, counts, durations, groups).as(PipelineReminders::new);
    }
}
