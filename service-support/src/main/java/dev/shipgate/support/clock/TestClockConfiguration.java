package dev.shipgate.support.clock;

import dev.shipgate.support.messaging.OutboxConfiguration;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The service's {@link Clock} follows {@link TestClockSettings#file()} when that is set (system tests only: it lets
 * whoever can write that file on the host move the service's time on); otherwise {@link OutboxConfiguration}'s system
 * clock stays. A blank value is no value. There is no endpoint for it: moving time is not something a caller of the
 * API can do.
 */
@AutoConfiguration(before = OutboxConfiguration.class)
@ConditionalOnExpression("!'${shipgate.test-clock.file:}'.isBlank()")
@EnableConfigurationProperties(TestClockSettings.class)
public class TestClockConfiguration {

    @Bean
    public Clock clock(TestClockSettings settings) {
        LoggerFactory.getLogger(TestClockConfiguration.class).warn("shipgate.test-clock.file is set: this service's"
                + " time is moved on by {}, a setting for system tests only", settings.file());
        return new OffsetFileClock(settings.file());
    }
}
