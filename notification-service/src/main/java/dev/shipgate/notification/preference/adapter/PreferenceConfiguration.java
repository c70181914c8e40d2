package dev.shipgate.notification.preference.adapter;

import dev.shipgate.notification.preference.application.Preferences;
import dev.shipgate.notification.recipient.application.Recipients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Notification preferences per person (issue 19): stored here, honoured by every mail. */
@Configuration(proxyBeanMethods = false)
class PreferenceConfiguration {

    @Bean
    Preferences preferences(MongoTemplate mongo, Recipients recipients) {
        return new Preferences(new MongoPreferenceStore(mongo), recipients);
    }
}
