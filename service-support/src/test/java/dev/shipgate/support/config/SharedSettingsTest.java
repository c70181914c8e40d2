package dev.shipgate.support.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared settings are bound once at start, with their defaults, and a bad value stops the start naming it. */
class SharedSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SharedPropertiesConfiguration.class));

    @Test
    void unset_properties_take_their_defaults() {
        context.withPropertyValues("shipgate.seed-file=").run(started -> {
            assertThat(started.getBean(CacheSettings.class).timeToLive()).isEqualTo(Duration.ofSeconds(2));
            assertThat(started.getBean(SeedFileSettings.class).seedFile()).isNull();
        });
    }

    @Test
    void a_set_value_is_used() {
        context.withPropertyValues("shipgate.cache.time-to-live=PT0.5S", "shipgate.seed-file=classpath:seed.json")
                .run(started -> {
                    assertThat(started.getBean(CacheSettings.class).timeToLive()).isEqualTo(Duration.ofMillis(500));
                    assertThat(started.getBean(SeedFileSettings.class).seedFile().getFilename())
                            .isEqualTo("seed.json");
                });
    }

    @Test
    void a_negative_cache_lifetime_fails_the_start_naming_the_property_and_zero_turns_caching_off() {
        context.withPropertyValues("shipgate.cache.time-to-live=-PT1S").run(started ->
                assertThat(started).getFailure().rootCause().hasMessage("shipgate.cache.time-to-live must be zero"
                        + " (no caching) or a positive duration, was PT-1S"));
        context.withPropertyValues("shipgate.cache.time-to-live=PT0S").run(started ->
                assertThat(started.getBean(CacheSettings.class).timeToLive()).isZero());
    }

    @Test
    void a_cache_lifetime_that_is_no_duration_fails_the_start_naming_the_property() {
        context.withPropertyValues("shipgate.cache.time-to-live=two seconds").run(started ->
                assertThat(started).getFailure()
                        .hasStackTraceContaining("Failed to bind properties under 'shipgate.cache.time-to-live'"));
    }
}
