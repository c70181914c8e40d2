package dev.shipgate.support.clock;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * The test clock of system tests ({@link OffsetFileClock}); never set in a deployment.
 *
 * @param file a file holding how far this service's clock is ahead of the system's, as an ISO-8601 duration
 *             ({@code PT4H}; missing: none); when unset or blank, the service runs on the system clock
 */
@ConfigurationProperties("shipgate.test-clock")
public record TestClockSettings(Path file) {
}
