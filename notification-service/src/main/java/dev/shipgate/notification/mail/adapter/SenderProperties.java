package dev.shipgate.notification.mail.adapter;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sender of Shipgate's mail until a super admin saves other settings ({@code shipgate.mail.from}); checked at
 * start. The retry settings under the same prefix are the delivery feature's.
 *
 * @param from the {@code From} address, a display name allowed ({@code SHIPGATE_MAIL_FROM}, default
 *             {@code shipgate@localhost})
 */
@Validated
@ConfigurationProperties("shipgate.mail")
record SenderProperties(@NotBlank @DefaultValue("shipgate@localhost") String from) {
}
