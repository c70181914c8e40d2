package dev.shipgate.notification;

import dev.shipgate.notification.delivery.adapter.EventListeners;
import dev.shipgate.notification.delivery.adapter.MongoDeliveries;
import dev.shipgate.notification.delivery.adapter.MustacheEmailTemplates;
import dev.shipgate.notification.delivery.adapter.SmtpMailer;
import dev.shipgate.notification.delivery.application.DeliveryDispatcher;
import dev.shipgate.notification.delivery.application.MessageComposer;
import dev.shipgate.notification.delivery.application.NotificationService;
import dev.shipgate.notification.link.adapter.MongoUsedLinks;
import dev.shipgate.notification.link.application.ApprovalLinks;
import dev.shipgate.support.lease.LeaseSettings;
import dev.shipgate.support.security.LinkReceipts;
import dev.shipgate.support.security.TokenSettings;
import dev.shipgate.notification.link.domain.LinkSigner;
import dev.shipgate.notification.recipient.adapter.MongoRecipients;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.notification.settings.adapter.ConfigurableMailSender;
import dev.shipgate.notification.settings.adapter.MongoMailSettings;
import dev.shipgate.notification.settings.domain.SmtpSettings;
import dev.shipgate.notification.subscription.adapter.MongoPipelineScopes;
import dev.shipgate.notification.subscription.adapter.MongoSubscriptions;
import dev.shipgate.notification.subscription.application.PipelineAccess;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Puts the domain, its application services and the adapters together; no rule lives here. */
@Configuration(proxyBeanMethods = false)
public class NotificationWiring {

    @Bean
    MongoDeliveries deliveries(MongoTemplate mongo) {
        return new MongoDeliveries(mongo);
    }

    @Bean
    MongoRecipients recipients(MongoTemplate mongo, Clock clock,
                               @Value("${shipgate.cache.time-to-live:PT2S}") Duration timeToLive) {
        return new MongoRecipients(mongo, new ShortLivedCache<>(timeToLive, clock));
    }

    @Bean
    MongoPipelineScopes pipelineScopes(MongoTemplate mongo) {
        return new MongoPipelineScopes(mongo);
    }

    @Bean
    PipelineAccess pipelineAccess(MongoPipelineScopes pipelineScopes, MongoRecipients recipients) {
        return new PipelineAccess(pipelineScopes, recipients);
    }

    @Bean
    MongoSubscriptions subscriptions(MongoTemplate mongo) {
        return new MongoSubscriptions(mongo);
    }

    @Bean
    ApprovalLinks approvalLinks(MongoTemplate mongo, Clock clock,
                                @Value("${shipgate.links.secret:}") String linkSecret,
                                @Value("${shipgate.security.secret:}") String tokenSecret,
                                @Value("${shipgate.links.lifetime:PT72H}") Duration lifetime) {
        byte[] key = linkSecret.isBlank() ? LinkSigner.deriveKey(tokenSecret, "approval-links")
                : linkSecret.getBytes(StandardCharsets.UTF_8);
        return new ApprovalLinks(new LinkSigner(key), new MongoUsedLinks(mongo), clock, lifetime);
    }

    @Bean
    MongoMailSettings mailSettings(MongoTemplate mongo) {
        return new MongoMailSettings(mongo);
    }

    /** The environment's SMTP settings (spring.mail.*), used until a super admin saves others. */
    @Bean
    ConfigurableMailSender configurableMailSender(MongoMailSettings settings, MailProperties mail,
                                                  @Value("${shipgate.mail.from:shipgate@localhost}") String from) {
        boolean startTls = Boolean.parseBoolean(mail.getProperties().getOrDefault("mail.smtp.starttls.enable",
                "false"));
        return new ConfigurableMailSender(settings, new SmtpSettings(mail.getHost(), mail.getPort(),
                mail.getUsername(), mail.getPassword(), startTls, from));
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(MongoDeliveries deliveries, ConfigurableMailSender sender, Clock clock,
                                          LeaseSettings leases,
                                          @Value("${shipgate.mail.max-attempts:8}") int maxAttempts,
                                          @Value("${shipgate.mail.first-retry:PT2S}") Duration firstRetry,
                                          @Value("${shipgate.mail.full-read-interval:PT10S}") Duration fullRead) {
        return new DeliveryDispatcher(deliveries, new SmtpMailer(sender), clock, maxAttempts, firstRetry, fullRead,
                leases.duration());
    }

    /** Receipts for spent approve-from-email links, which approval-service checks when the vote comes. */
    @Bean
    LinkReceipts linkReceipts(TokenSettings settings) {
        return new LinkReceipts(settings.secret());
    }

    @Bean
    NotificationService notificationService(MongoDeliveries deliveries, MongoRecipients recipients,
                                            MongoSubscriptions subscriptions, PipelineAccess pipelineAccess,
                                            ApprovalLinks links,
                                            DispatchLoop loop, Clock clock,
                                            @Value("${shipgate.ui.base-url:http://localhost:8080}") String uiBaseUrl) {
        MessageComposer composer = new MessageComposer(new MustacheEmailTemplates(), links, recipients,
                subscriptions, pipelineAccess, uiBaseUrl);
        return new NotificationService(composer, recipients, deliveries, loop::queued, clock);
    }

    @Bean
    EventListeners eventListeners(EventConsumer consumer, NotificationService notifications,
                                  MongoRecipients recipients, MongoPipelineScopes pipelineScopes) {
        return new EventListeners(consumer, notifications, recipients, pipelineScopes);
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

    @Bean(destroyMethod = "close")
    DispatchLoop dispatchLoop(DeliveryDispatcher dispatcher) {
        return new DispatchLoop(dispatcher);
    }

    /**
     * Sends due mail on one thread: on a timer, and at once when new mail is queued. Wake-ups that come while a pass
     * is already waiting join it (a pass reads every due mail: one per queued mail would read them all each time).
     */
    static final class DispatchLoop implements AutoCloseable {
        private final DeliveryDispatcher dispatcher;
        private final AtomicBoolean passWaiting = new AtomicBoolean();
        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mail-dispatch");
            thread.setDaemon(true);
            return thread;
        });

        DispatchLoop(DeliveryDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        /** Mail just stored: read by id in a pass that starts at once. */
        void queued(List<String> deliveryIds) {
            dispatcher.expect(deliveryIds);
            wakeUp();
        }

        void wakeUp() {
            if (passWaiting.compareAndSet(false, true)) {
                executor.execute(this::dispatch);
            }
        }

        @Scheduled(fixedDelayString = "${shipgate.mail.poll:PT1S}")
        public void tick() {
            wakeUp();
        }

        private void dispatch() {
            passWaiting.set(false); // mail queued from now on may be missed by this pass's read: it wakes another
            try {
                dispatcher.dispatchDue();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(DispatchLoop.class).warn("mail dispatch paused: {}", e.getMessage());
            }
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
