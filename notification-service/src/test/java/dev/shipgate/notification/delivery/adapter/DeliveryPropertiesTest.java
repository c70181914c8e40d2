package dev.shipgate.notification.delivery.adapter;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail settings are bound and checked when the service starts: the defaults are those the service always had,
 * and a value out of range stops the start with a message naming the property, the value and the rule.
 */
class DeliveryPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({DeliveryProperties.class, UiProperties.class})
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void unset_properties_keep_the_defaults() {
        context.run(started -> {
            assertThat(started.getBean(DeliveryProperties.class)).isEqualTo(new DeliveryProperties(8,
                    Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1)));
            assertThat(started.getBean(UiProperties.class).baseUrl()).isEqualTo("http://localhost:8080");
        });
    }

    @Test
    void the_names_users_set_are_bound() {
        context.withPropertyValues("shipgate.mail.max-attempts=3", "shipgate.mail.first-retry=PT5S",
                "shipgate.mail.full-read-interval=PT30S", "shipgate.mail.poll=PT0.5S",
                "shipgate.ui.base-url=https://shipgate.example").run(started -> {
                    assertThat(started.getBean(DeliveryProperties.class)).isEqualTo(new DeliveryProperties(3,
                            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(500)));
                    assertThat(started.getBean(UiProperties.class).baseUrl()).isEqualTo("https://shipgate.example");
                });
    }

    @Test
    void a_bad_value_stops_the_start_naming_the_property_the_value_and_the_rule() {
        context.withPropertyValues("shipgate.mail.max-attempts=0").run(started -> assertThat(started)
                .getFailure().rootCause().message()
                .contains("shipgate.mail", "maxAttempts", "rejected value [0]", "must be greater than or equal to 1"));
        context.withPropertyValues("shipgate.mail.first-retry=PT0S").run(started -> assertThat(started)
                .getFailure().rootCause().message()
                .contains("firstRetry", "rejected value [PT0S]", "must be longer than or equal to 1 milli"));
        context.withPropertyValues("shipgate.ui.base-url=shipgate.example").run(started -> assertThat(started)
                .getFailure().rootCause().message().contains("baseUrl", "must be an http(s) URL"));
    }
}
