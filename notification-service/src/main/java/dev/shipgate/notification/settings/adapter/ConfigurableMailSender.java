package dev.shipgate.notification.settings.adapter;

import dev.shipgate.notification.settings.application.MailSettings;
import dev.shipgate.notification.settings.domain.SmtpSettings;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.Optional;
import java.util.Properties;

/**
 * The SMTP connection settings in effect: those saved through the API, else the environment's (Spring's
 * {@code spring.mail.*}). A change applies to the next mail without a restart.
 */
class ConfigurableMailSender {

    private final MailSettings settings;
    private final SmtpSettings fromEnvironment;
    private volatile Cached cached;
    private volatile Built built;

    ConfigurableMailSender(MailSettings settings, SmtpSettings fromEnvironment) {
        this.settings = settings;
        this.fromEnvironment = fromEnvironment;
    }

    /** Read from the database at most once a second: the settings change rarely, mail goes out in bursts. */
    public SmtpSettings effective() {
        Cached cached = this.cached;
        long now = System.nanoTime();
        if (cached == null || now - cached.readAt() > 1_000_000_000L) {
            cached = new Cached(settings.current().orElse(fromEnvironment), now);
            this.cached = cached;
        }
        return cached.settings();
    }

    /** A change saved through the API applies at once. */
    public void changed() {
        cached = null;
    }

    private record Cached(SmtpSettings settings, long readAt) {
    }

    private record Built(SmtpSettings settings, JavaMailSenderImpl sender) {
    }

    /**
     * The sender for the settings in effect, made again only when they change: each one opens a mail session, which
     * reads the mail providers' files from the class path (measurable at every batch).
     */
    public JavaMailSenderImpl sender() {
        SmtpSettings smtp = effective();
        Built built = this.built;
        if (built == null || !built.settings().equals(smtp)) {
            built = new Built(smtp, senderFor(smtp));
            this.built = built;
        }
        return built.sender();
    }

    private static JavaMailSenderImpl senderFor(SmtpSettings smtp) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        boolean authenticate = smtp.username() != null && !smtp.username().isBlank();
        if (authenticate) { // a password without a user name would make the client try to log in anyway
            sender.setUsername(smtp.username());
            Optional.ofNullable(smtp.password()).filter(p -> !p.isBlank()).ifPresent(sender::setPassword);
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.auth", Boolean.toString(authenticate));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
