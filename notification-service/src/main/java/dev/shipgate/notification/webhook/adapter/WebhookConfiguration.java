package dev.shipgate.notification.webhook.adapter;

import dev.shipgate.notification.chat.application.ChatNotices;
import dev.shipgate.notification.delivery.application.Deliveries;
import dev.shipgate.notification.delivery.application.HeldMails;
import dev.shipgate.notification.delivery.application.MailQueue;
import dev.shipgate.notification.delivery.application.UiAddress;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.subscription.application.PipelineAccess;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.notification.webhook.application.Destinations;
import dev.shipgate.notification.webhook.application.PersonalChannels;
import dev.shipgate.notification.webhook.application.EventBodies;
import dev.shipgate.notification.webhook.application.PausedWebhookMail;
import dev.shipgate.notification.webhook.application.WebhookAccess;
import dev.shipgate.notification.webhook.application.WebhookDispatcher;
import dev.shipgate.notification.webhook.application.WebhookFanOut;
import dev.shipgate.notification.webhook.application.Webhooks;
import dev.shipgate.notification.webhook.domain.AddressPolicy;
import dev.shipgate.notification.webhook.domain.WebhookDelivery.RetryPolicy;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.config.CacheSettings;
import dev.shipgate.support.lease.LeaseSettings;
import dev.shipgate.support.security.TokenSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** Outbound webhooks and chat messages: subscriptions, the fan-out of events, the dispatch loop and its retries. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    /** Secrets stored sealed; at each start, plain ones and ones sealed with an older key are sealed again. */
    @Bean
    MongoWebhookSubscriptions webhookSubscriptions(MongoTemplate mongo, CacheSettings cache, Clock clock,
                                                   WebhookProperties properties, TokenSettings tokens) {
        SealedSecrets secrets = properties.secretKey().isBlank() ? SealedSecrets.derivedFrom(tokens.secret())
                : SealedSecrets.of(properties.secretKey());
        MongoWebhookSubscriptions subscriptions = new MongoWebhookSubscriptions(mongo,
                new ShortLivedCache<>(cache.timeToLive(), clock), secrets);
        subscriptions.resealAll();
        return subscriptions;
    }

    @Bean
    MongoWebhookDeliveries webhookDeliveries(MongoTemplate mongo) {
        return new MongoWebhookDeliveries(mongo);
    }

    @Bean
    Destinations webhookDestinations(WebhookProperties properties) {
        return new Destinations(new AddressPolicy(properties.allowedDestinations()), WebhookConfiguration::resolve);
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Bean
    WebhookAccess webhookAccess(PipelineAccess pipelines, Recipients recipients) {
        return new WebhookAccess(pipelines, recipients);
    }

    /** Each delivery is claimed for the lease duration while it is sent (two instances send it once). */
    @Bean
    WebhookDispatcher webhookDispatcher(MongoWebhookDeliveries deliveries, MongoWebhookSubscriptions subscriptions,
                                        Destinations destinations, Deliveries mail, MailQueue mailQueue,
                                        Recipients recipients, Clock clock, LeaseSettings leases,
                                        WebhookProperties properties, UiAddress ui) {
        if (properties.timeout().compareTo(leases.duration()) >= 0) {
            throw new IllegalStateException("shipgate.webhooks.timeout must be below shipgate.leases.duration");
        }
        return new WebhookDispatcher(deliveries, subscriptions, new HttpWebhookSender(properties.timeout()),
                destinations, new PausedWebhookMail(mail, mailQueue, recipients, clock, ui.baseUrl()),
                new HeldMails(mail, mailQueue, clock), clock,
                new RetryPolicy(properties.maxAttempts(), properties.firstRetry(), properties.maxRetryPause()),
                properties.pauseAfter(), leases.duration());
    }

    @Bean(destroyMethod = "close")
    WebhookLoop webhookLoop(WebhookDispatcher dispatcher) {
        return new WebhookLoop(dispatcher);
    }

    /** Each person's own chat channel, a webhook subscription of theirs that the messages they chose are sent to. */
    @Bean
    PersonalChannels personalChannels(MongoWebhookSubscriptions subscriptions, MongoWebhookDeliveries deliveries,
                                      Destinations destinations, WebhookLoop loop, Clock clock) {
        return new PersonalChannels(subscriptions, deliveries, destinations, loop::wakeUp, clock);
    }

    @Bean
    SchedulingConfigurer webhookSchedule(WebhookLoop loop, WebhookProperties properties) {
        return registrar -> registrar.addFixedDelayTask(loop::wakeUp, properties.poll());
    }

    @Bean
    Webhooks webhooks(MongoWebhookSubscriptions subscriptions, MongoWebhookDeliveries deliveries,
                      WebhookAccess access, Destinations destinations, WebhookLoop loop, Clock clock) {
        return new Webhooks(subscriptions, deliveries, access, destinations, loop::wakeUp, clock);
    }

    /** Follows the approval and deployment events the mail's consumer reads (an {@code EventFollower}). */
    @Bean
    WebhookFanOut webhookFanOut(MongoWebhookSubscriptions subscriptions,
                                MongoWebhookDeliveries deliveries, WebhookAccess access, PipelineScopes pipelines,
                                WebhookLoop loop, Clock clock, UiAddress ui) {
        return new WebhookFanOut(subscriptions, deliveries, access, pipelines,
                new EventBodies(new ChatNotices(ui)), loop::wakeUp, clock);
    }
}
