package dev.shipgate.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which service this process is: Spring's {@code spring.application.name} (each service's application.yml sets it,
 * e.g. {@code approval-service}), bound once for everything that names the service: its OpenAPI title, the source
 * of its events, its instance id, its consumer groups.
 *
 * @param name the service's name, not blank
 * @throws IllegalArgumentException at start when {@code spring.application.name} is unset or blank
 */
@ConfigurationProperties("spring.application")
public record ServiceName(String name) {

    public ServiceName {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("spring.application.name must name the service (approval-service, "
                    + "deploy-service...), was " + (name == null ? "unset" : "blank"));
        }
    }
}
