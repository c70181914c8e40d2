package dev.shipgate.notification.preference.adapter;

import dev.shipgate.notification.preference.application.PreferenceStore;
import dev.shipgate.notification.preference.domain.MailKind;
import dev.shipgate.notification.preference.domain.NotificationPreferences;
import dev.shipgate.notification.preference.domain.NotificationPreferences.Choice;
import dev.shipgate.support.cache.ShortLivedCache;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One document per person in {@code notification_preferences}, keyed by the canonical user id. Every mail reads its
 * recipient's (most have none stored), so each answer, absence too, is kept for the cache lifetime: a change through
 * this instance is seen at once, one through another instance within that lifetime.
 */
class MongoPreferenceStore implements PreferenceStore {

    static final String COLLECTION = "notification_preferences";

    private final MongoTemplate mongo;
    private final ShortLivedCache<String, Optional<NotificationPreferences>> cached;

    MongoPreferenceStore(MongoTemplate mongo, ShortLivedCache<String, Optional<NotificationPreferences>> cached) {
        this.mongo = mongo;
        this.cached = cached;
    }

    @Override
    public Optional<NotificationPreferences> find(String userId) {
        return cached.get(userId, this::read);
    }

    private Optional<NotificationPreferences> read(String userId) {
        Document found = mongo.findById(userId, Document.class, COLLECTION);
        if (found == null) {
            return Optional.empty();
        }
        Map<MailKind, Choice> choices = new EnumMap<>(MailKind.class);
        Document stored = found.get("choices", Document.class);
        if (stored != null) {
            for (MailKind kind : MailKind.values()) {
                String choice = stored.getString(kind.name());
                if (choice != null) {
                    choices.put(kind, Choice.valueOf(choice));
                }
            }
        }
        return Optional.of(new NotificationPreferences(userId, choices));
    }

    @Override
    public void save(NotificationPreferences preferences) {
        Document choices = new Document();
        preferences.choices().forEach((kind, choice) -> choices.append(kind.name(), choice.name()));
        mongo.save(new Document("_id", preferences.userId()).append("choices", choices), COLLECTION);
        cached.forget(preferences.userId());
    }
}
