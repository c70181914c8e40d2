package dev.shipgate.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** shipgate.gateway.rate-limit.* is bound at start with its defaults; a limit that lets nothing through stops it. */
class RateLimitSettingsTest {

    @EnableConfigurationProperties(RateLimitSettings.class)
    static class Binding {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class);

    @Test
    void unset_properties_take_their_defaults() {
        context.run(started -> {
            RateLimitSettings settings = started.getBean(RateLimitSettings.class);
            assertThat(settings.perSecond()).isEqualTo(50);
            assertThat(settings.burst()).isEqualTo(200);
        });
    }

    @Test
    void a_zero_refill_fails_the_start_naming_the_property() {
        context.withPropertyValues("shipgate.gateway.rate-limit.per-second=0").run(started ->
                assertThat(started).getFailure().rootCause()
                        .hasMessage("shipgate.gateway.rate-limit.per-second must be positive, was 0.0"));
    }

    @Test
    void an_empty_bucket_fails_the_start_naming_the_property() {
        context.withPropertyValues("shipgate.gateway.rate-limit.burst=0.5").run(started ->
                assertThat(started).getFailure().rootCause()
                        .hasMessage("shipgate.gateway.rate-limit.burst must be at least 1, was 0.5"));
    }
}
