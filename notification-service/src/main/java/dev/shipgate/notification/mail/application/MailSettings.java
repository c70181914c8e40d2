package dev.shipgate.notification.mail.application;

import dev.shipgate.notification.mail.domain.SmtpSettings;

import java.util.Optional;

/** SMTP settings changed through the API; when none are stored, the environment's apply. */
public interface MailSettings {

    Optional<SmtpSettings> current();

    void save(SmtpSettings settings);
}
