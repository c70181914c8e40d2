package dev.shipgate.notification.mail.adapter;

import dev.shipgate.notification.mail.application.MailSettings;
import dev.shipgate.notification.mail.domain.SmtpSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The transport's timeouts come from the environment's spring.mail.properties, whichever SMTP settings apply. */
class ConfigurableMailSenderTest {

    private static final SmtpSettings ENVIRONMENT = new SmtpSettings("127.0.0.1", 3025, "", "", false,
            "shipgate@localhost");
    private static final Map<String, String> TRANSPORT = Map.of("mail.smtp.timeout", "1234",
            "mail.smtp.connectiontimeout", "567", "mail.smtp.auth", "true");

    @Test
    void the_environments_timeouts_reach_the_sender_and_authentication_follows_the_user_name() {
        Properties made = new ConfigurableMailSender(new Stored(null), ENVIRONMENT, TRANSPORT).sender()
                .getJavaMailProperties();

        assertThat(made).containsEntry("mail.smtp.timeout", "1234").containsEntry("mail.smtp.connectiontimeout", "567")
                .containsEntry("mail.smtp.auth", "false"); // no user name: no login, whatever the environment says
    }

    @Test
    void saved_settings_keep_the_environments_timeouts() {
        SmtpSettings saved = new SmtpSettings("smtp.example.com", 587, "shipgate", "secret", true,
                "shipgate@example.com");
        Properties made = new ConfigurableMailSender(new Stored(saved), ENVIRONMENT, TRANSPORT).sender()
                .getJavaMailProperties();

        assertThat(made).containsEntry("mail.smtp.timeout", "1234").containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.starttls.required", "true");
    }

    private record Stored(SmtpSettings saved) implements MailSettings {
        @Override
        public Optional<SmtpSettings> current() {
            return Optional.ofNullable(saved);
        }

        @Override
        public void save(SmtpSettings settings) {
            throw new UnsupportedOperationException();
        }
    }
}
