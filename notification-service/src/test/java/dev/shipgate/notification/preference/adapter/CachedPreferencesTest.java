package dev.shipgate.notification.preference.adapter;

import com.mongodb.client.MongoClients;
import dev.shipgate.notification.preference.domain.MailKind;
import dev.shipgate.notification.preference.domain.NotificationPreferences;
import dev.shipgate.notification.preference.domain.NotificationPreferences.Choice;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mail reads its recipient's preferences, so an answer (absence too) is kept for the cache lifetime; a change
 * through the store is seen at the next mail, one through another instance within the lifetime.
 */
class CachedPreferencesTest {

    private static final Duration LIFETIME = Duration.ofSeconds(2);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()),
            "cached-preferences-" + UUID.randomUUID());
    private final MongoPreferenceStore here = new MongoPreferenceStore(mongo, new ShortLivedCache<>(LIFETIME, clock));
    private final MongoPreferenceStore otherInstance = new MongoPreferenceStore(mongo,
            new ShortLivedCache<>(LIFETIME, clock));

    @Test
    void a_change_made_here_is_seen_at_once() {
        assertThat(here.find("erin")).isEmpty();
        here.save(remindersBy("erin", Choice.NONE));
        assertThat(choiceOfReminders(here, "erin")).isEqualTo(Choice.NONE);

        here.save(remindersBy("erin", Choice.MAIL));
        assertThat(choiceOfReminders(here, "erin")).isEqualTo(Choice.MAIL);
    }

    @Test
    void a_change_made_by_another_instance_is_seen_within_the_cache_lifetime() {
        assertThat(here.find("erin")).isEmpty();
        otherInstance.save(remindersBy("erin", Choice.NONE));

        assertThat(here.find("erin")).as("read again only after its lifetime").isEmpty();
        clock.step(LIFETIME);
        assertThat(choiceOfReminders(here, "erin")).isEqualTo(Choice.NONE);
    }

    private static NotificationPreferences remindersBy(String userId, Choice choice) {
        return new NotificationPreferences(userId, Map.of(MailKind.REMINDERS, choice));
    }

    private static Choice choiceOfReminders(MongoPreferenceStore store, String userId) {
        return store.find(userId).orElseThrow().choices().get(MailKind.REMINDERS);
    }
}
