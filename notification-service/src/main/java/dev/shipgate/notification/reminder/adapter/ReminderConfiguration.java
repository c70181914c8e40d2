package dev.shipgate.notification.reminder.adapter;

import dev.shipgate.notification.delivery.application.NotificationService;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.recipient.application.RequestMemory;
import dev.shipgate.notification.reminder.application.DigestService;
import dev.shipgate.notification.reminder.application.ReminderService;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.support.lease.LeaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Clock;

/**
 * Reminders, escalation and the daily digest: due times in MongoDB, a pass every {@code shipgate.reminders.poll} on
 * every instance (each step is claimed by one of them). The reminder service follows the approval events.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReminderProperties.class)
class ReminderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReminderConfiguration.class);

    @Bean
    ReminderService reminderService(MongoTemplate mongo, ReminderProperties properties,
                                    NotificationService notifications, Recipients recipients, Clock clock,
                                    LeaseSettings leases, PipelineScopes pipelines, RequestMemory asked) {
        return new ReminderService(new MongoReminders(mongo), properties.plans(pipelines), notifications, recipients,
                asked, clock, leases.duration());
    }

    @Bean
    DigestService digestService(MongoTemplate mongo, ReminderProperties properties, NotificationService notifications,
                                Clock clock, LeaseSettings leases) {
        return new DigestService(new MongoReminders(mongo), new MongoDigestSchedule(mongo), notifications, clock,
                properties.digestAt(), leases.duration());
    }

    @Bean
    SchedulingConfigurer reminderSchedule(ReminderService reminders, DigestService digest,
                                          ReminderProperties properties) {
        return registrar -> registrar.addFixedDelayTask(() -> {
            try {
                reminders.sendDue();
                digest.sendIfDue();
            } catch (RuntimeException e) {
                log.warn("reminders paused until the next pass: {}", e.getMessage());
            }
        }, properties.poll());
    }
}
