package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.domain.Escalations;
import dev.shipgate.contracts.events.PipelineReminders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installation's default escalation binds here from notification-service's very keys (its own keys, reminders,
 * poll, digest, are ignored); a pipeline's own plan overrides it field by field (an empty group: never escalated);
 * the old per-pipeline settings are not read any more; a time to escalation that is not positive stops the start.
 */
class EscalationSettingsTest {

    @EnableConfigurationProperties(EscalationSettings.class)
    static class Binding {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class);

    @Test
    void the_default_binds_and_each_pipeline_s_own_plan_overrides_it_field_by_field() {
        context.withPropertyValues("shipgate.reminders.poll=PT15S", "shipgate.reminders.digest-at=08:00",
                "shipgate.reminders.defaults.remind-after=PT1H", "shipgate.reminders.defaults.fallback-group=release",
                "shipgate.reminders.pipelines.pl-old.fallback-group=ops").run(started -> {
                    Escalations escalations = Escalations.of(started.getBean(EscalationSettings.class).defaultPlan(),
                            Map.of("pl-fast", new PipelineReminders(null, null, null, Duration.ofHours(2), "ops"),
                                    "pl-group", new PipelineReminders(Duration.ofHours(1), null, 1, null, "ops"),
                                    "pl-quiet", new PipelineReminders(null, null, 1, null, "")));
                    assertThat(escalations.of("pl-any")).contains(new Escalations.Plan(Duration.ofHours(24),
                            "release"));
                    assertThat(escalations.of("pl-old")).as("settings per pipeline are not read")
                            .contains(new Escalations.Plan(Duration.ofHours(24), "release"));
                    assertThat(escalations.of("pl-fast")).contains(new Escalations.Plan(Duration.ofHours(2), "ops"));
                    assertThat(escalations.of("pl-group")).contains(new Escalations.Plan(Duration.ofHours(24), "ops"));
                    assertThat(escalations.of("pl-quiet")).isEmpty();
                });
    }

    @Test
    void nothing_set_escalates_nothing() {
        context.run(started -> assertThat(Escalations.of(started.getBean(EscalationSettings.class).defaultPlan(),
                Map.of()).of("pl-1")).isEmpty());
    }

    @Test
    void a_zero_time_to_escalation_fails_the_start() {
        context.withPropertyValues("shipgate.reminders.defaults.escalate-after=PT0S").run(started ->
                assertThat(started).getFailure().rootCause()
                        .hasMessage("the time to escalation must be positive"));
    }

    @Test
    void a_pipeline_plan_with_a_time_to_escalation_that_is_not_positive_takes_the_default_instead_of_failing() {
        Escalations.Plan defaults = new Escalations.Plan(Duration.ofHours(24), "release");
        Escalations escalations = Escalations.of(defaults, Map.of(
                "pl-zero", new PipelineReminders(null, null, null, Duration.ZERO, "ops"),
                "pl-negative", new PipelineReminders(null, null, null, Duration.ofHours(-1), null)));
        assertThat(escalations.of("pl-zero")).contains(new Escalations.Plan(Duration.ofHours(24), "ops"));
        assertThat(escalations.of("pl-negative")).contains(defaults);
    }
}
