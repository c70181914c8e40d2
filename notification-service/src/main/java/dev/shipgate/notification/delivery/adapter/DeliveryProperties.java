package dev.shipgate.notification.delivery.adapter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How mail is sent and retried ({@code shipgate.mail.*}); checked at start. The sender address under the same prefix
 * is the mail feature's.
 *
 * @param maxAttempts      sends tried before a delivery is FAILED (default 8), 1 to 50
 * @param firstRetry       the pause after the first failed send, doubled after each further one (default 2 s)
 * @param fullReadInterval how often a pass reads every due delivery, those other instances left included (10 s)
 * @param poll             the pause between two dispatch passes when no new mail wakes one (default 1 s)
 */
@Validated
@ConfigurationProperties("shipgate.mail")
record DeliveryProperties(@Min(1) @Max(50) @DefaultValue("8") int maxAttempts,
                          @NotNull @DurationMin(millis = 1) @DefaultValue("PT2S") Duration firstRetry,
                          @NotNull @DurationMin(millis = 1) @DefaultValue("PT10S") Duration fullReadInterval,
                          @NotNull @DurationMin(millis = 1) @DefaultValue("PT1S") Duration poll) {
}
