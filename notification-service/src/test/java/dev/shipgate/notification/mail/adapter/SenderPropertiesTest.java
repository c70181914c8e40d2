package dev.shipgate.notification.mail.adapter;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender address: SHIPGATE_MAIL_FROM reaches shipgate.mail.from without application.yml naming it. */
class SenderPropertiesTest {

    @EnableConfigurationProperties(SenderProperties.class)
    static class Bound {
    }

    @Test
    void the_variable_sets_the_sender_and_its_absence_leaves_the_default() {
        new ApplicationContextRunner().withUserConfiguration(Bound.class).run(started ->
                assertThat(started.getBean(SenderProperties.class).from()).isEqualTo("shipgate@localhost"));

        new ApplicationContextRunner().withInitializer(context -> context.getEnvironment().getPropertySources()
                        .addLast(new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("SHIPGATE_MAIL_FROM", "Shipgate <gate@example.com>"))))
                .withUserConfiguration(Bound.class)
                .run(started -> assertThat(started.getBean(SenderProperties.class).from())
                        .isEqualTo("Shipgate <gate@example.com>"));
    }
}
