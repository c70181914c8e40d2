package dev.shipgate.notification.webhook.adapter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * How webhooks and chat messages are sent ({@code shipgate.webhooks.*}); checked at start.
 *
 * @param allowedDestinations host names, addresses or CIDR ranges an administrator lets webhooks reach although they
 *                            are internal (comma-separated in {@code SHIPGATE_WEBHOOKS_ALLOWED_DESTINATIONS}); a host
 *                            allowed by name may also be plain http. Default: none
 * @param maxAttempts         attempts before a delivery is FAILED (default 8), 1 to 30
 * @param firstRetry          the pause after the first failed attempt, doubled after each further one (default 5 s)
 * @param maxRetryPause       the longest pause between two attempts (default 1 h)
 * @param timeout             how long a receiver has to connect and answer (default 10 s), below the lease duration
 * @param pauseAfter          deliveries FAILED in a row that pause a subscription (default 5)
 * @param poll                the pause between two dispatch passes when no new delivery wakes one (default 1 s)
 * @param secretKey           the keys that seal subscriptions' signing secrets in the database
 *                            ({@code SHIPGATE_WEBHOOK_SECRET_KEY}: {@code id:base64} of 32 bytes, comma-separated
 *                            for a rotation, the first sealing; {@link SealedSecrets}). Default blank: one derived
 *                            from the token secret
 */
@Validated
@ConfigurationProperties("shipgate.webhooks")
record WebhookProperties(@NotNull @DefaultValue("") List<String> allowedDestinations,
                         @Min(1) @Max(30) @DefaultValue("8") int maxAttempts,
                         @NotNull @DurationMin(millis = 1) @DefaultValue("PT5S") Duration firstRetry,
                         @NotNull @DurationMin(millis = 1) @DefaultValue("PT1H") Duration maxRetryPause,
                         @NotNull @DurationMin(millis = 100) @DefaultValue("PT10S") Duration timeout,
                         @Min(1) @Max(1000) @DefaultValue("5") int pauseAfter,
                         @NotNull @DurationMin(millis = 1) @DefaultValue("PT1S") Duration poll,
                         @NotNull @DefaultValue("") String secretKey) {

    @Override
    public String toString() {
        return "WebhookProperties[maxAttempts=" + maxAttempts + ", secretKey=(not shown)]";
    }
}
