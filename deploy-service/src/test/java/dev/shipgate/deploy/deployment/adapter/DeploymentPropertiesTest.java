package dev.shipgate.deploy.deployment.adapter;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy settings are bound and checked when the service starts: the defaults are those the service always had,
 * and a value out of range stops the start with a message naming the property, the value and the rule.
 */
class DeploymentPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({DeploymentProperties.class, SimulatedTargetProperties.class})
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void unset_properties_keep_the_defaults() {
        context.run(started -> {
            assertThat(started.getBean(DeploymentProperties.class)).isEqualTo(new DeploymentProperties(
                    Duration.ofSeconds(60), Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofSeconds(10),
                    Duration.ofMillis(500)));
            assertThat(started.getBean(SimulatedTargetProperties.class).progressTime())
                    .isEqualTo(Duration.ofSeconds(20));
        });
    }

    @Test
    void the_names_users_set_are_bound() {
        context.withPropertyValues("shipgate.deploy.max-wait=PT3S", "shipgate.deploy.wait-poll-interval=PT0.1S",
                "shipgate.deploy.rollout-timeout=PT15S", "shipgate.deploy.full-read-interval=PT1H",
                "shipgate.deploy.monitor-interval=PT0.2S", "shipgate.targets.simulated.progress-time=PT1S")
                .run(started -> {
                    assertThat(started.getBean(DeploymentProperties.class)).isEqualTo(new DeploymentProperties(
                            Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(15),
                            Duration.ofHours(1), Duration.ofMillis(200)));
                    assertThat(started.getBean(SimulatedTargetProperties.class).progressTime())
                            .isEqualTo(Duration.ofSeconds(1));
                });
    }

    @Test
    void a_bad_value_stops_the_start_naming_the_property_the_value_and_the_rule() {
        context.withPropertyValues("shipgate.deploy.rollout-timeout=PT0S").run(started -> assertThat(started)
                .getFailure().rootCause().message()
                .contains("shipgate.deploy", "rolloutTimeout", "rejected value [PT0S]",
                        "must be longer than or equal to 1 milli"));
        context.withPropertyValues("shipgate.deploy.max-wait=-PT1S").run(started -> assertThat(started)
                .getFailure().rootCause().message().contains("maxWait", "rejected value [PT-1S]"));
        context.withPropertyValues("shipgate.deploy.max-wait=sixty seconds").run(started -> assertThat(started)
                .getFailure().rootCause().message().contains("sixty seconds"));
    }
}
