package dev.shipgate.notification.mail.adapter;

import dev.shipgate.notification.delivery.application.Mailer;
import dev.shipgate.notification.delivery.domain.Delivery;
import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends over SMTP: any SMTP server, AWS SES's SMTP endpoint included; a batch goes over one connection. Each mail
 * has both bodies, and headers that tie it to its delivery so a resend can be recognised: its {@code Message-ID}
 * (RFC 5322, 3.6.4) is made from the delivery's id, so the mail a crash between the SMTP send and the recorded
 * outcome makes go out again is the same message, which mail clients and archives show once.
 */
class SmtpMailer implements Mailer {

    /**
     * Jakarta Mail 2.1 looks its stream provider up with a {@link java.util.ServiceLoader} scan of every jar on the
     * class path each time it makes a multipart body (jakartaee/mail-api#699, #861; fixed in 2.2): a tenth of this
     * service's CPU under load. Naming the provider makes the lookup one {@code Class.forName}.
     */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final ConfigurableMailSender settings;

    SmtpMailer(ConfigurableMailSender settings) {
        this.settings = settings;
    }

    @Override
    public Map<String, String> send(List<Delivery> deliveries) {
        JavaMailSender sender = settings.sender();
        String from = settings.effective().from();
        Map<MimeMessage, String> idsByMessage = new LinkedHashMap<>();
        Map<String, String> failed = new HashMap<>();
        for (Delivery delivery : deliveries) {
            try {
                idsByMessage.put(message(sender, from, delivery), delivery.id());
            } catch (MessagingException e) {
                failed.put(delivery.id(), "cannot build the mail: " + e.getMessage());
            }
        }
        try {
            sender.send(idsByMessage.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            e.getFailedMessages().forEach((message, error) -> failed.put(idsByMessage.get(message),
                    error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()));
        } catch (MailException e) { // no connection, or the login was refused: nothing went out
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            idsByMessage.values().forEach(id -> failed.put(id, reason));
        }
        return failed;
    }

    private static MimeMessage message(JavaMailSender sender, String from, Delivery delivery)
            throws MessagingException {
        MimeMessage message = new DeliveryMessage(sender.createMimeMessage(), delivery.id());
        MimeMessageHelper helper = new SharedTypesHelper(message);
        helper.setFrom(from);
        helper.setTo(delivery.email());
        helper.setSubject(delivery.subject());
        helper.setText(delivery.text(), delivery.html());
        message.setHeader("X-Shipgate-Event", delivery.eventId());
        message.setHeader("X-Shipgate-Delivery", delivery.id());
        return message;
    }

    /**
     * Spring's helper shares its sender's MIME types table only with messages the sender made itself; for any other
     * it loads the {@code mime.types} file again (a sixth of this service's CPU under load). These mails attach no
     * files, and one table made once serves them all.
     */
    private static final class SharedTypesHelper extends MimeMessageHelper {
        private static final ConfigurableMimeFileTypeMap TYPES = new ConfigurableMimeFileTypeMap();

        static {
            TYPES.afterPropertiesSet();
        }

        SharedTypesHelper(MimeMessage message) throws MessagingException {
            super(message, true, "UTF-8");
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
            return TYPES;
        }
    }

    /** A message whose Message-ID is its delivery's, where JavaMail would make a new one at each send. */
    private static final class DeliveryMessage extends MimeMessage {
        private final String deliveryId;

        DeliveryMessage(MimeMessage blank, String deliveryId) {
            super(blank.getSession());
            this.deliveryId = deliveryId;
        }

        /**
         * {@code <name-based UUID of the delivery id@shipgate>}: the id itself holds characters a Message-ID may not.
         */
        @Override
        protected void updateMessageID() throws MessagingException {
            UUID stable = UUID.nameUUIDFromBytes(deliveryId.getBytes(StandardCharsets.UTF_8));
            setHeader("Message-ID", "<" + stable + "@shipgate>");
        }
    }
}
