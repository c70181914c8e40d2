package dev.shipgate.support.clock;

import dev.shipgate.support.messaging.OutboxConfiguration;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The service's {@link Clock} follows {@code shipgate.test-clock.file} when that is set (system tests only: it lets
 * whoever can write that file on the host move the service's time on); otherwise {@link OutboxConfiguration}'s system
 * clock stays. There is no endpoint for it: moving time is not something a caller of the API can do.
 */
@AutoConfiguration(before = OutboxConfiguration.class)
@ConditionalOnProperty(name = "shipgate.test-clock.file")
public class TestClockConfiguration {

    @Bean
    public Clock clock(@Value("${shipgate.test-clock.file}") Path file) {
        LoggerFactory.getLogger(TestClockConfiguration.class).warn("shipgate.test-clock.file is set: this service's"
                + " time is moved on by {}, a setting for system tests only", file);
        return new OffsetFileClock(file);
    }
}
