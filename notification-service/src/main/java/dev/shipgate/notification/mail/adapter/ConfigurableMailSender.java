package dev.shipgate.notification.mail.adapter;

import dev.shipgate.notification.mail.application.MailSettings;
import dev.shipgate.notification.mail.domain.SmtpSettings;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The SMTP connection settings in effect: those saved through the API, else the environment's (Spring's
 * {@code spring.mail.*}). A change applies to the next mail without a restart. The transport's other properties (its
 * timeouts) are always the environment's {@code spring.mail.properties.*}.
 */
class ConfigurableMailSender {

    private final MailSettings settings;
    private final SmtpSettings fromEnvironment;
    private final Map<String, String> transport;
    private volatile Cached cached;
    private volatile Built built;

    /** {@code transport}: JavaMail properties ({@code mail.smtp.timeout}...) for every sender, whatever settings. */
    ConfigurableMailSender(MailSettings settings, SmtpSettings fromEnvironment, Map<String, String> transport) {
        this.settings = settings;
        this.fromEnvironment = fromEnvironment;
        this.transport = Map.copyOf(transport);
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

    private JavaMailSenderImpl senderFor(SmtpSettings smtp) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        boolean authenticate = smtp.username() != null && !smtp.username().isBlank();
        if (authenticate) { // a password without a user name would make the client try to log in anyway
            sender.setUsername(smtp.username());
            Optional.ofNullable(smtp.password()).filter(p -> !p.isBlank()).ifPresent(sender::setPassword);
        }
        Properties properties = new Properties();
        properties.putAll(transport);
        properties.put("mail.smtp.auth", Boolean.toString(authenticate));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
