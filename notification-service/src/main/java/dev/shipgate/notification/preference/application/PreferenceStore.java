package dev.shipgate.notification.preference.application;

import dev.shipgate.notification.preference.domain.NotificationPreferences;

import java.util.Optional;

/** Each person's notification preferences, one record per person. */
public interface PreferenceStore {

    Optional<NotificationPreferences> find(String userId);

    void save(NotificationPreferences preferences);
}
