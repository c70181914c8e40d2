package dev.shipgate.notification.preference.adapter;

import dev.shipgate.notification.preference.application.Preferences;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.webhook.application.PersonalChannels;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.config.CacheSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** Notification preferences per person (issue 19): stored here, honoured by every mail. */
@Configuration(proxyBeanMethods = false)
class PreferenceConfiguration {

    @Bean
    Preferences preferences(MongoTemplate mongo, Recipients recipients, CacheSettings cache, Clock clock,
                            PersonalChannels chats) {
        return new Preferences(new MongoPreferenceStore(mongo, new ShortLivedCache<>(cache.timeToLive(), clock)),
                recipients, chats);
    }
}
