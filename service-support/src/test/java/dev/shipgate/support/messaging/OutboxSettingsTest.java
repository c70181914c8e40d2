package dev.shipgate.support.messaging;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox settings as an application.yml writes them, their defaults, and a bad value stopping the start. */
class OutboxSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OutboxSettings.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void aCommaSeparatedListAndTheDefaultPauses() {
        context.withPropertyValues("shipgate.outbox.collections=approval_requests,users").run(started -> {
            OutboxSettings settings = started.getBean(OutboxSettings.class);
            assertThat(settings.collections()).isEqualTo(List.of("approval_requests", "users"));
            assertThat(settings.retryMillis()).isEqualTo(250);
            assertThat(settings.sweepMillis()).isEqualTo(10_000);
        });
    }

    @Test
    void noCollectionsListedIsAnEmptyList() {
        context.run(started -> assertThat(started.getBean(OutboxSettings.class).collections()).isEmpty());
    }

    @Test
    void aPauseThatIsNotPositiveStopsTheStartNamingTheProperty() {
        context.withPropertyValues("shipgate.outbox.sweep-millis=0").run(started ->
                assertThat(started).getFailure().rootCause()
                        .hasMessage("shipgate.outbox.sweep-millis must be a positive number of milliseconds, was 0"));
    }
}
