package dev.shipgate.notification.reminder.domain;

import dev.shipgate.contracts.events.PipelineReminders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The planned mails of a request: their number, kinds and times, in order. */
class ReminderPlanTest {

    static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

    @Property
    void reminders_come_after_the_first_pause_then_every_interval_and_the_escalation_once(
            @ForAll @IntRange(min = 1, max = 600) int afterMinutes, @ForAll @IntRange(min = 1, max = 600) int every,
            @ForAll @IntRange(min = 0, max = 20) int max, @ForAll @IntRange(min = 1, max = 6000) int escalate) {
        ReminderPlan plan = new ReminderPlan(Duration.ofMinutes(afterMinutes), Duration.ofMinutes(every), max,
                Duration.ofMinutes(escalate), "release-managers");

        List<Nudge> nudges = plan.nudges(T);

        assertThat(nudges).hasSize(max + 1).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
        List<Nudge> reminders = nudges.stream().filter(n -> n.kind() == Nudge.Kind.REMIND).toList();
        for (int i = 0; i < max; i++) {
            assertThat(reminders.get(i).number()).isEqualTo(i + 1);
            assertThat(Duration.between(T, reminders.get(i).at()).toMinutes())
                    .isEqualTo(afterMinutes + (long) i * every);
        }
        assertThat(nudges).filteredOn(n -> n.kind() == Nudge.Kind.ESCALATE).singleElement()
                .satisfies(n -> assertThat(n.at()).isEqualTo(T.plus(Duration.ofMinutes(escalate))));
    }

    @Test
    void no_fallback_group_no_escalation() {
        ReminderPlan plan = new ReminderPlan(Duration.ofHours(4), Duration.ofHours(4), 2, Duration.ofHours(24), " ");

        assertThat(plan.nudges(T)).extracting(Nudge::kind).containsExactly(Nudge.Kind.REMIND, Nudge.Kind.REMIND);
    }

    @Test
    void a_plan_with_a_pause_that_is_not_positive_or_too_many_reminders_is_refused() {
        assertThatThrownBy(() -> new ReminderPlan(Duration.ZERO, Duration.ofHours(1), 1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReminderPlan(Duration.ofHours(1), Duration.ofHours(1), 21, null, null))
                .hasMessageContaining("maxReminders");
    }

    @Test
    void a_pipeline_plan_outside_the_limits_leaves_the_default_standing_instead_of_failing_the_request_mail() {
        ReminderPlan defaults = new ReminderPlan(Duration.ofHours(4), Duration.ofHours(4), 2, Duration.ofHours(24),
                "release");
        assertThat(defaults.overriddenBy(new PipelineReminders(Duration.ZERO, null, null, null, null)))
                .isEqualTo(defaults);
        assertThat(defaults.overriddenBy(new PipelineReminders(null, null, 99, null, null))).isEqualTo(defaults);
        assertThat(defaults.overriddenBy(new PipelineReminders(Duration.ofHours(1), null, null, null, null))
                .remindAfter()).as("a plan within the limits still applies").isEqualTo(Duration.ofHours(1));
    }
}
