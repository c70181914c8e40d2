package dev.shipgate.notification.preference.adapter;

import dev.shipgate.notification.preference.application.Preferences;
import dev.shipgate.notification.preference.domain.MailKind;
import dev.shipgate.notification.preference.domain.NotificationPreferences;
import dev.shipgate.notification.preference.domain.NotificationPreferences.Choice;
import dev.shipgate.notification.webhook.domain.WebhookSubscription;
import dev.shipgate.notification.webhook.domain.WebhookSubscription.Format;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A person's notification preferences (issue 19): {@code choices} maps a mail kind (APPROVAL_REQUESTS, REMINDERS,
 * ESCALATIONS, DIGEST, DECISIONS, DEPLOYMENTS) to MAIL, CHAT (their own chat channel) or NONE; kinds left out are
 * mailed. {@code me} is the caller. {@code PUT} replaces the choices. {@code PUT .../chat} connects their chat channel
 * (a Slack or Teams incoming webhook URL, checked as a webhook's), {@code DELETE .../chat} removes it (CHAT kinds are
 * mailed again). Only the person or a super admin: else 404 {@code NOT_YOUR_PREFERENCES}. Muting APPROVAL_REQUESTS is
 * refused with 400 {@code MAIL_REQUIRED} and {@code field: choices.APPROVAL_REQUESTS}; CHAT without a channel with 400
 * {@code NO_CHAT_CHANNEL}; an unknown kind or choice is 400 with the field; a chat URL that is not https or not public
 * with 400 {@code WEBHOOK_URL_INVALID} / {@code WEBHOOK_URL_NOT_PUBLIC}.
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

    /** @param format SLACK or TEAMS */
    public record ChatBody(@NotBlank @Size(max = 2000) String url, @NotNull Format format) {
    }

    /**
     * The chat channel as shown: its format and host only (the whole URL is a credential of the chat's), its state
     * (ACTIVE, or PAUSED after repeated failures, with why; resumed as a webhook is).
     */
    public record ChatView(String id, Format format, String host, WebhookSubscription.Status status,
                           String pauseReason) {
        static ChatView of(WebhookSubscription channel) {
            return new ChatView(channel.id(), channel.format(), URI.create(channel.url()).getHost(), channel.status(),
                    channel.pauseReason());
        }
    }

    /** The preferences as stored, with {@code required}: the kinds nobody can mute; {@code chat}: null if none. */
    public record PreferencesView(String userId, Map<MailKind, Choice> choices, List<MailKind> required,
                                  ChatView chat) {
    }

    @GetMapping
    public PreferencesView get(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String userId) {
        return view(caller, preferences.get(caller.getSubject(), owner(caller, userId)));
    }

    @PutMapping
    public PreferencesView set(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String userId,
                               @Valid @RequestBody PreferencesBody body) {
        return view(caller, preferences.set(caller.getSubject(),
                new NotificationPreferences(owner(caller, userId), body.choices())));
    }

    @PutMapping("/chat")
    public ChatView connectChat(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String userId,
                                @Valid @RequestBody ChatBody body) {
        return ChatView.of(preferences.connectChat(caller.getSubject(), owner(caller, userId), body.url().strip(),
                body.format()));
    }

    @DeleteMapping("/chat")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void disconnectChat(@AuthenticationPrincipal Jwt caller,
                               @PathVariable @Size(max = 100) String userId) {
        preferences.disconnectChat(caller.getSubject(), owner(caller, userId));
    }

    private PreferencesView view(Jwt caller, NotificationPreferences stored) {
        return new PreferencesView(stored.userId(), stored.choices(),
                Arrays.stream(MailKind.values()).filter(MailKind::required).toList(),
                preferences.chat(caller.getSubject(), stored.userId()).map(ChatView::of).orElse(null));
    }

    private static String owner(Jwt caller, String userId) {
        return ME.equals(userId) ? caller.getSubject() : userId;
    }
}
