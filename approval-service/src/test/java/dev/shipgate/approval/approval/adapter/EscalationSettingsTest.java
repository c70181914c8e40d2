package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.domain.Escalations;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The escalation part of notification-service's reminder settings binds here from the very same keys, the keys only
 * notification-service uses (reminders, poll, digest) are ignored, a pipeline's plan does not inherit the defaults'
 * group (as there), and a time to escalation that is not positive stops the start.
 */
class EscalationSettingsTest {

    @EnableConfigurationProperties(EscalationSettings.class)
    static class Binding {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class);

    @Test
    void notification_services_settings_bind_and_say_who_sees_which_pipeline_when() {
        context.withPropertyValues("shipgate.reminders.poll=PT15S", "shipgate.reminders.digest-at=08:00",
                "shipgate.reminders.defaults.remind-after=PT1H", "shipgate.reminders.defaults.fallback-group=release",
                "shipgate.reminders.pipelines.pl-fast.escalate-after=PT2H",
                "shipgate.reminders.pipelines.pl-fast.fallback-group=ops",
                "shipgate.reminders.pipelines.pl-quiet.max-reminders=1").run(started -> {
                    Escalations escalations = started.getBean(EscalationSettings.class).escalations();
                    assertThat(escalations.of("pl-any")).contains(new Escalations.Plan(Duration.ofHours(24),
                            "release"));
                    assertThat(escalations.of("pl-fast")).contains(new Escalations.Plan(Duration.ofHours(2), "ops"));
                    assertThat(escalations.of("pl-quiet")).isEmpty();
                });
    }

    @Test
    void nothing_set_escalates_nothing() {
        context.run(started -> assertThat(started.getBean(EscalationSettings.class).escalations().of("pl-1"))
                .isEmpty());
    }

    @Test
    void a_zero_time_to_escalation_fails_the_start() {
        context.withPropertyValues("shipgate.reminders.defaults.escalate-after=PT0S").run(started ->
                assertThat(started).getFailure().rootCause()
                        .hasMessage("the time to escalation must be positive"));
    }
}
