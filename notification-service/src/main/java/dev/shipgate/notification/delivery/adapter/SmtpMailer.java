package dev.shipgate.notification.delivery.adapter;

import dev.shipgate.notification.delivery.application.Mailer;
import dev.shipgate.notification.delivery.domain.Delivery;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends over SMTP: any SMTP server, AWS SES's SMTP endpoint included. Each mail has both bodies, and headers that
 * tie it to its delivery so a resend can be recognised.
 */
public class SmtpMailer implements Mailer {

    private final JavaMailSender sender;
    private final String from;

    public SmtpMailer(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public void send(Delivery delivery) {
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
