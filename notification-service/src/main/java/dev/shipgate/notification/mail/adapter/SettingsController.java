package dev.shipgate.notification.mail.adapter;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.mail.application.MailSettings;
import dev.shipgate.notification.mail.domain.SmtpSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The mail transport, managed by super admins; the password can be set but is never shown. */
@RestController
@Validated
@RequestMapping("/api/notifications/settings/smtp")
class SettingsController {

    private final MailSettings settings;
    private final ConfigurableMailSender sender;
    private final Recipients recipients;

    SettingsController(MailSettings settings, ConfigurableMailSender sender, Recipients recipients) {
        this.settings = settings;
        this.sender = sender;
        this.recipients = recipients;
    }

    public record SmtpBody(@NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9.-]+") String host,
                           @NotNull @Min(1) @Max(65535) Integer port,
                           @Size(max = 255) String username,
                           @Size(max = 500) String password,
                           @NotNull Boolean startTls,
                           @NotBlank @Email @Size(max = 255) String from) {
    }

    @GetMapping
    public SmtpSettings.View get(@AuthenticationPrincipal Jwt caller) {
        requireSuperAdmin(caller);
        return sender.effective().view();
    }

    /** Leave {@code password} out to keep the stored one. */
    @PutMapping
    public SmtpSettings.View put(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody SmtpBody body) {
        requireSuperAdmin(caller);
        SmtpSettings next = new SmtpSettings(body.host(), body.port(), body.username(), body.password(),
                body.startTls(), body.from()).keepingPasswordOf(sender.effective());
        settings.save(next);
        sender.changed();
        return next.view();
    }

    private void requireSuperAdmin(Jwt caller) {
        if (!recipients.isSuperAdmin(caller.getSubject())) {
            throw Refusal.forbidden("SUPER_ADMIN_ONLY", "only a super admin can see or change the mail settings")
                    .exception();
        }
    }
}
