package dev.shipgate.support.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings every process shares come from shipgate-defaults.yml, below anything a service sets itself. */
class SharedDefaultsTest {

    @Test
    void the_shared_defaults_apply_unless_the_service_sets_its_own() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.yml",
                Map.of("management.tracing.sampling.probability", "1.0", "LOG_FORMAT", "")));

        new SharedDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health,info,prometheus");
        assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("logging.structured.format.console")).isEmpty(); // LOG_FORMAT= : plain
        assertThat(environment.getProperty("shipgate.security.secret")).isEmpty();
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
    }
}
