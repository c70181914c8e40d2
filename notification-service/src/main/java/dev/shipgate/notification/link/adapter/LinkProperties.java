package dev.shipgate.notification.link.adapter;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Approve-from-email links ({@code shipgate.links.*}); checked at start.
 *
 * @param secret   the key links are signed with ({@code SHIPGATE_LINK_SECRET}); when blank, one derived from
 *                 {@code shipgate.security.secret}
 * @param lifetime how long a link opens its request after the mail is made (default 72 h), at least a minute
 */
@Validated
@ConfigurationProperties("shipgate.links")
record LinkProperties(@DefaultValue("") String secret,
                      @NotNull @DurationMin(minutes = 1) @DefaultValue("PT72H") Duration lifetime) {
}
