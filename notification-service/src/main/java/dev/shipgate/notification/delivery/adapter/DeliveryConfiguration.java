package dev.shipgate.notification.delivery.adapter;

import dev.shipgate.notification.delivery.application.Deliveries;
import dev.shipgate.notification.delivery.application.DeliveryDispatcher;
import dev.shipgate.notification.delivery.application.DeliveryRoutes;
import dev.shipgate.notification.delivery.application.Mailer;
import dev.shipgate.notification.delivery.application.MessageComposer;
import dev.shipgate.notification.delivery.application.NotificationService;
import dev.shipgate.notification.delivery.application.PersonalChat;
import dev.shipgate.notification.delivery.application.UiAddress;
import dev.shipgate.notification.link.application.ApprovalLinks;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.recipient.application.RequestMemory;
import dev.shipgate.notification.subscription.application.PipelineAccess;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.notification.subscription.application.Subscriptions;
import dev.shipgate.support.lease.LeaseSettings;
import dev.shipgate.support.messaging.EventConsumer;
import dev.shipgate.support.messaging.EventFollower;
import dev.shipgate.support.security.LinkReceipts;
import dev.shipgate.support.security.TokenSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/** Mail: events become deliveries, which the dispatch loop sends and retries; the delivery log, subscriptions API. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeliveryProperties.class, UiProperties.class})
class DeliveryConfiguration {

    @Bean
    MongoDeliveries deliveries(MongoTemplate mongo) {
        return new MongoDeliveries(mongo);
    }

    /** Each delivery is claimed for the lease duration while it is sent (two instances send it once). */
    @Bean
    DeliveryDispatcher deliveryDispatcher(Deliveries deliveries, Mailer mailer, Clock clock, LeaseSettings leases,
                                          DeliveryProperties mail) {
        return new DeliveryDispatcher(deliveries, mailer, clock, mail.maxAttempts(), mail.firstRetry(),
                mail.fullReadInterval(), leases.duration());
    }

    @Bean(destroyMethod = "close")
    DispatchLoop dispatchLoop(DeliveryDispatcher dispatcher) {
        return new DispatchLoop(dispatcher);
    }

    @Bean
    SchedulingConfigurer dispatchSchedule(DispatchLoop loop, DeliveryProperties mail) {
        return registrar -> registrar.addFixedDelayTask(loop::wakeUp, mail.poll());
    }

    /** The UI's address, bound once here, for every feature whose messages link to the UI. */
    @Bean
    UiAddress uiAddress(UiProperties ui) {
        return new UiAddress(ui.baseUrl());
    }

    @Bean
    NotificationService notificationService(Deliveries deliveries, Recipients recipients, RequestMemory requests,
                                            Subscriptions subscriptions, PipelineAccess pipelineAccess,
                                            ApprovalLinks links, DispatchLoop loop, Clock clock, UiAddress ui,
                                            DeliveryRoutes routes, PersonalChat chat) {
        MessageComposer composer = new MessageComposer(new MustacheEmailTemplates(), links, requests,
                subscriptions, pipelineAccess, ui);
        return new NotificationService(composer, recipients, deliveries, loop, clock, routes, chat);
    }

    /** Receipts for spent approve-from-email links, which approval-service checks when the vote comes. */
    @Bean
    LinkReceipts linkReceipts(TokenSettings settings) {
        return new LinkReceipts(settings.secret());
    }

    @Bean
    EventListeners eventListeners(EventConsumer consumer, NotificationService notifications, Recipients recipients,
                                  PipelineScopes pipelineScopes, List<EventFollower> followers) {
        return new EventListeners(consumer, notifications, recipients, pipelineScopes, followers);
    }

    // Spring Cloud Stream functions: spring.cloud.function.definition and the bindings are in application.yml

    @Bean
    Consumer<Message<byte[]>> approvalEvents(EventListeners listeners) {
        return listeners::onApproval;
    }

    @Bean
    Consumer<Message<byte[]>> deploymentEvents(EventListeners listeners) {
        return listeners::onDeployment;
    }

    @Bean
    Consumer<Message<byte[]>> accessEvents(EventListeners listeners) {
        return listeners::onAccess;
    }

    @Bean
    Consumer<Message<byte[]>> pipelineEvents(EventListeners listeners) {
        return listeners::onPipeline;
    }
}
