package dev.shipgate.approval.approval.adapter;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** shipgate.approval.* is bound at start with its defaults; a lifetime that is not positive stops the start. */
class RequestLifetimeSettingsTest {

    @EnableConfigurationProperties(RequestLifetimeSettings.class)
    static class Binding {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class);

    @Test
    void unset_properties_take_their_defaults() {
        context.run(started -> {
            RequestLifetimeSettings settings = started.getBean(RequestLifetimeSettings.class);
            assertThat(settings.requestLifetime()).isEqualTo(Duration.ofDays(7));
            assertThat(settings.expirySweep()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void a_zero_request_lifetime_fails_the_start_naming_the_property() {
        context.withPropertyValues("shipgate.approval.request-lifetime=PT0S").run(started ->
                assertThat(started).getFailure().rootCause()
                        .hasMessage("shipgate.approval.request-lifetime must be a positive duration, was PT0S"));
    }

    @Test
    void a_negative_sweep_pause_fails_the_start_naming_the_property() {
        context.withPropertyValues("shipgate.approval.expiry-sweep=-PT5S").run(started ->
                assertThat(started).getFailure().rootCause()
                        .hasMessage("shipgate.approval.expiry-sweep must be a positive duration, was PT-5S"));
    }
}
