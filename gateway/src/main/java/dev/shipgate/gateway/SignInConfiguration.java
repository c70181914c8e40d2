package dev.shipgate.gateway;

import dev.shipgate.gateway.signin.SignInAudit;
import dev.shipgate.gateway.signin.SignInLimits;
import dev.shipgate.gateway.signin.SignInThrottle;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The built-in issuer's limits on password guessing and its audit of sign-ins. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInLimits.class)
public class SignInConfiguration {

    /** Counts time by the context's {@link Clock} when it has one (tests step it), else the system's. */
    @Bean
    SignInThrottle signInThrottle(SignInLimits limits, ObjectProvider<Clock> clock) {
        return new SignInThrottle(limits, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    SignInAudit signInAudit(MeterRegistry registry) {
        return new SignInAudit(registry);
    }
}
