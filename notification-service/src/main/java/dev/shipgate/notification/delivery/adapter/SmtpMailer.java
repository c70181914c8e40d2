package dev.shipgate.notification.delivery.adapter;

import dev.shipgate.notification.delivery.application.Mailer;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.settings.adapter.ConfigurableMailSender;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends over SMTP: any SMTP server, AWS SES's SMTP endpoint included. Each mail has both bodies, and headers that
 * tie it to its delivery so a resend can be recognised.
 */
public class SmtpMailer implements Mailer {

    private final ConfigurableMailSender settings;

    public SmtpMailer(ConfigurableMailSender settings) {
        this.settings = settings;
    }

    @Override
    public void send(Delivery delivery) {
        JavaMailSender sender = settings.sender();
        String from = settings.effective().from();
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(delivery.email());
            helper.setSubject(delivery.subject());
            helper.setText(delivery.text(), delivery.html());
            message.setHeader("X-Shipgate-Event", delivery.eventId());
            message.setHeader("X-Shipgate-Delivery", delivery.id());
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the mail: " + e.getMessage(), e);
        }
        sender.send(message);
    }
}
