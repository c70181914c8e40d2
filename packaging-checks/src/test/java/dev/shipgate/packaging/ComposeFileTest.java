package dev.shipgate.packaging;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml checked by Docker Compose itself, which needs no engine for {@code config}: Debian's
 * docker-compose (1.29), installed by .ci/run; skipped, saying why, where it is missing.
 */
class ComposeFileTest {

    @Test
    void the_compose_file_is_valid_and_runs_two_instances_of_every_service() throws Exception {
        Path compose = Path.of("/usr/bin/docker-compose");
        Assumptions.assumeTrue(Files.isExecutable(compose), "needs docker-compose (apt-get install docker-compose)");
        ProcessBuilder builder = new ProcessBuilder(compose.toString(), "-f", "../docker-compose.yml", "config",
                "--services").redirectErrorStream(true);
        builder.environment().put("SHIPGATE_JWT_SECRET", "only-for-the-config-check-0123456789abcdef");
        KAFKA_PASSWORDS.forEach(name -> builder.environment().put(name, "only-for-the-config-check"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines()).contains("mongo", "kafka", "mail", "approval-service", "deploy-service",
                "notification-service", "gateway", "kafka-setup");
        // two instances of every service behind the gateway (issue 20)
        assertThat(output.lines()).contains("approval-service-2", "deploy-service-2", "notification-service-2");
    }

    static final java.util.List<String> KAFKA_PASSWORDS = java.util.List.of("KAFKA_ADMIN_PASSWORD",
            "KAFKA_PASSWORD_APPROVAL_SERVICE", "KAFKA_PASSWORD_DEPLOY_SERVICE", "KAFKA_PASSWORD_NOTIFICATION_SERVICE",
            "KAFKA_PASSWORD_CI", "KAFKA_PASSWORD_READER");

    @Test
    void the_compose_file_refuses_to_start_without_a_kafka_password() throws Exception {
        Path compose = Path.of("/usr/bin/docker-compose");
        Assumptions.assumeTrue(Files.isExecutable(compose), "needs docker-compose (apt-get install docker-compose)");
        ProcessBuilder builder = new ProcessBuilder(compose.toString(), "-f", "../docker-compose.yml", "config",
                "-q").redirectErrorStream(true);
        builder.environment().put("SHIPGATE_JWT_SECRET", "only-for-the-config-check-0123456789abcdef");
        KAFKA_PASSWORDS.forEach(name -> builder.environment().put(name, "only-for-the-config-check"));
        builder.environment().remove("KAFKA_PASSWORD_DEPLOY_SERVICE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);

        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("KAFKA_PASSWORD_DEPLOY_SERVICE");
    }

    @Test
    void the_compose_file_refuses_to_start_without_a_token_secret() throws Exception {
        Path compose = Path.of("/usr/bin/docker-compose");
        Assumptions.assumeTrue(Files.isExecutable(compose), "needs docker-compose (apt-get install docker-compose)");
        ProcessBuilder builder = new ProcessBuilder(compose.toString(), "-f", "../docker-compose.yml", "config",
                "-q").redirectErrorStream(true);
        builder.environment().remove("SHIPGATE_JWT_SECRET");
        KAFKA_PASSWORDS.forEach(name -> builder.environment().put(name, "only-for-the-config-check"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);

        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("SHIPGATE_JWT_SECRET");
    }
}
