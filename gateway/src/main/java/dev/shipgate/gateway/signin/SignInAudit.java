package dev.shipgate.gateway.signin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.time.Instant;

/**
 * The audit of password sign-ins: the gateway keeps no database, so each failed or refused attempt, and a success
 * after failures, is one structured event on the logger {@value #LOGGER}, in Elastic Common Schema fields
 * ({@code event.category=authentication}, {@code event.action=password-sign-in}, {@code event.outcome},
 * {@code event.reason}, {@code user.name} as the canonical id, {@code source.ip}) plus
 * {@code shipgate.sign_in.failures} and {@code shipgate.sign_in.locked_until}. With {@code LOG_FORMAT=ecs} (the
 * default) these are JSON fields; the password is never logged. Each attempt also counts in
 * {@code shipgate.sign_in.attempts} by {@code outcome} (Prometheus: {@code shipgate_sign_in_attempts_total}).
 */
public class SignInAudit {

    public static final String LOGGER = "shipgate.audit.sign-in";
    public static final String BAD_CREDENTIALS = "BAD_CREDENTIALS";
    public static final String LOCKED = "SIGN_IN_TEMPORARILY_LOCKED";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final Counter succeeded;
    private final Counter failed;
    private final Counter refused;

    public SignInAudit(MeterRegistry registry) {
        this.succeeded = attempts(registry, "success");
        this.failed = attempts(registry, "failure");
        this.refused = attempts(registry, "locked");
    }

    private static Counter attempts(MeterRegistry registry, String outcome) {
        return Counter.builder("shipgate.sign_in.attempts").tag("outcome", outcome)
                .description("password sign-in attempts: success, failure (wrong name or password), locked (not "
                        + "checked: too many failures)")
                .register(registry);
    }

    /** A wrong user name or password; {@code waitsUntil} is when the next attempt from there may be checked. */
    public void failed(String userId, String address, int failures, Instant waitsUntil) {
        failed.increment();
        event(log.atWarn(), "failure", BAD_CREDENTIALS, userId, address, failures, waitsUntil)
                .log("password sign-in failed for {} from {} ({} in a row)", userId, address, failures);
    }

    /** An attempt refused unchecked until {@code retryAt}. */
    public void locked(String userId, String address, int failures, Instant retryAt) {
        refused.increment();
        event(log.atWarn(), "failure", LOCKED, userId, address, failures, retryAt)
                .log("password sign-in for {} from {} refused unchecked until {}", userId, address, retryAt);
    }

    /** A right password; logged only when failures came before it, which it clears. */
    public void succeeded(String userId, String address, int failuresBefore) {
        succeeded.increment();
        if (failuresBefore > 0) {
            event(log.atInfo(), "success", null, userId, address, failuresBefore, null)
                    .log("password sign-in of {} from {} after {} failures", userId, address, failuresBefore);
        }
    }

    private static LoggingEventBuilder event(LoggingEventBuilder builder, String outcome, String reason,
                                             String userId, String address, int failures, Instant lockedUntil) {
        builder = builder.addKeyValue("event.category", "authentication")
                .addKeyValue("event.action", "password-sign-in")
                .addKeyValue("event.outcome", outcome)
                .addKeyValue("user.name", userId)
                .addKeyValue("source.ip", address)
                .addKeyValue("shipgate.sign_in.failures", failures);
        if (reason != null) {
            builder = builder.addKeyValue("event.reason", reason);
        }
        if (lockedUntil != null) {
            builder = builder.addKeyValue("shipgate.sign_in.locked_until", lockedUntil.toString());
        }
        return builder;
    }
}
