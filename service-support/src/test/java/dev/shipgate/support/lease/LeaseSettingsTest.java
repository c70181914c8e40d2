package dev.shipgate.support.lease;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaseSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeaseConfiguration.class))
            .withPropertyValues("spring.application.name=deploy-service");

    @Test
    void a_lease_lasts_fifteen_seconds_unless_configured() {
        context.run(started -> assertThat(started.getBean(LeaseSettings.class).duration())
                .isEqualTo(Duration.ofSeconds(15)));
        context.withPropertyValues("shipgate.leases.duration=PT4S").run(started -> {
            assertThat(started.getBean(LeaseSettings.class).duration()).isEqualTo(Duration.ofSeconds(4));
            assertThat(started.getBean(InstanceId.class).value()).startsWith("deploy-service@");
        });
    }

    @Test
    void a_lease_of_no_time_is_refused_at_start() {
        assertThatThrownBy(() -> new LeaseSettings(Duration.ZERO)).hasMessageContaining("shipgate.leases.duration");
        assertThatThrownBy(() -> new LeaseSettings(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void two_processes_on_one_host_are_two_holders() {
        InstanceId first = InstanceId.of("deploy-service", "node-1");
        InstanceId second = InstanceId.of("deploy-service", "node-1");

        assertThat(first.value()).startsWith("deploy-service@node-1/");
        assertThat(first).isNotEqualTo(second);
        assertThat(InstanceId.of("deploy-service", null).value()).startsWith("deploy-service@local/");
    }
}
