package dev.shipgate.notification.mail.adapter;

import dev.shipgate.notification.delivery.application.Mailer;
import dev.shipgate.notification.mail.domain.SmtpSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The SMTP settings in effect, and the {@link Mailer} that sends with them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SenderProperties.class)
class MailConfiguration {

    @Bean
    MongoMailSettings mailSettings(MongoTemplate mongo) {
        return new MongoMailSettings(mongo);
    }

    /** The environment's SMTP settings (spring.mail.*), used until a super admin saves others. */
    @Bean
    ConfigurableMailSender configurableMailSender(MongoMailSettings settings, MailProperties mail,
                                                  SenderProperties sender) {
        boolean startTls = Boolean.parseBoolean(mail.getProperties().getOrDefault("mail.smtp.starttls.enable",
                "false"));
        return new ConfigurableMailSender(settings, new SmtpSettings(mail.getHost(), mail.getPort(),
                mail.getUsername(), mail.getPassword(), startTls, sender.from()), mail.getProperties());
    }

    @Bean
    Mailer mailer(ConfigurableMailSender sender) {
        return new SmtpMailer(sender);
    }
}
