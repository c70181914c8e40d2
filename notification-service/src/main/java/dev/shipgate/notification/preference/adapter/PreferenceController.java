package dev.shipgate.notification.preference.adapter;

import dev.shipgate.notification.preference.application.Preferences;
import dev.shipgate.notification.preference.domain.MailKind;
import dev.shipgate.notification.preference.domain.NotificationPreferences;
import dev.shipgate.notification.preference.domain.NotificationPreferences.Choice;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A person's notification preferences (issue 19): {@code choices} maps a mail kind (APPROVAL_REQUESTS, REMINDERS,
 * ESCALATIONS, DIGEST, DECISIONS, DEPLOYMENTS) to MAIL or NONE; kinds left out are mailed. {@code me} is the
 * caller. {@code PUT} replaces the choices. Only the person or a super admin: else 404 {@code NOT_YOUR_PREFERENCES}.
 * Muting APPROVAL_REQUESTS is refused with 400 {@code MAIL_REQUIRED} and {@code field: choices.APPROVAL_REQUESTS};
 * an unknown kind or choice is 400 with the field.
 */
@RestController
@Validated
@RequestMapping("/api/notifications/preferences/{userId}")
class PreferenceController {

    static final String ME = "me";

    private final Preferences preferences;

    PreferenceController(Preferences preferences) {
        this.preferences = preferences;
    }

    public record PreferencesBody(@NotNull Map<MailKind, Choice> choices) {
    }

    /** The preferences as stored, with {@code required}: the kinds nobody can mute. */
    public record PreferencesView(String userId, Map<MailKind, Choice> choices, List<MailKind> required) {
        static PreferencesView of(NotificationPreferences preferences) {
            return new PreferencesView(preferences.userId(), preferences.choices(),
                    Arrays.stream(MailKind.values()).filter(MailKind::required).toList());
        }
    }

    @GetMapping
    public PreferencesView get(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String userId) {
        return PreferencesView.of(preferences.get(caller.getSubject(), owner(caller, userId)));
    }

    @PutMapping
    public PreferencesView set(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String userId,
                               @Valid @RequestBody PreferencesBody body) {
        return PreferencesView.of(preferences.set(caller.getSubject(),
                new NotificationPreferences(owner(caller, userId), body.choices())));
    }

    private static String owner(Jwt caller, String userId) {
        return ME.equals(userId) ? caller.getSubject() : userId;
    }
}
