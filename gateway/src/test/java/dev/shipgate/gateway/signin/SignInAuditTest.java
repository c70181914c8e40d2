package dev.shipgate.gateway.signin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit event as it leaves the gateway with LOG_FORMAT=ecs: Spring Boot's ECS encoder, nested ECS fields. */
class SignInAuditTest {

    @Test
    void a_failed_sign_in_is_one_ecs_authentication_event() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.putObject(Environment.class.getName(), new MockEnvironment()
                .withProperty("spring.application.name", "gateway"));
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat("ecs");
        encoder.setContext(context);
        encoder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger logger = context.getLogger(SignInAudit.LOGGER);
        logger.addAppender(appender);
        try {
            new SignInAudit(new SimpleMeterRegistry()).failed("carol", "192.0.2.7", 4,
                    Instant.parse("2026-03-02T09:00:01Z"));
        } finally {
            logger.detachAppender(appender);
        }

        JsonNode event = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(event.path("event").path("category").asString()).isEqualTo("authentication");
        assertThat(event.path("event").path("action").asString()).isEqualTo("password-sign-in");
        assertThat(event.path("event").path("outcome").asString()).isEqualTo("failure");
        assertThat(event.path("event").path("reason").asString()).isEqualTo("BAD_CREDENTIALS");
        assertThat(event.path("user").path("name").asString()).isEqualTo("carol");
        assertThat(event.path("source").path("ip").asString()).isEqualTo("192.0.2.7");
        assertThat(event.path("shipgate").path("sign_in").path("locked_until").asString())
                .isEqualTo("2026-03-02T09:00:01Z");
        assertThat(event.path("log").path("logger").asString()).isEqualTo(SignInAudit.LOGGER);
    }
}
