package dev.shipgate.support.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service given a retired setting does not start, and says which (by pipeline) and where it went; without one it
 * starts.
 */
class RetiredSettingsTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RetiredSettingsConfiguration.class));

    @Test
    void a_per_pipeline_reminder_setting_of_an_earlier_version_stops_the_start_naming_it_and_its_replacement() {
        service.withPropertyValues("shipgate.reminders.pipelines.payments-prod.fallback-group=release-managers",
                "shipgate.reminders.pipelines.payments-prod.escalate-after=PT8H",
                "shipgate.reminders.pipelines.billing-prod.max-reminders=3").run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause().hasMessageContaining(
                            "shipgate.reminders.pipelines.* (billing-prod, payments-prod)")
                            .hasMessageContaining("PUT /api/pipelines/{id}");
                });
    }

    @Test
    void the_settings_still_read_start_as_before() {
        service.withPropertyValues("shipgate.reminders.defaults.fallback-group=release-managers",
                "shipgate.reminders.poll=PT15S").run(started -> assertThat(started).hasNotFailed());
    }
}
