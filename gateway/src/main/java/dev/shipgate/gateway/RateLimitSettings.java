package dev.shipgate.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API rate limit per caller ({@link RateLimitFilter}), a token bucket.
 *
 * @param perSecond {@code shipgate.gateway.rate-limit.per-second}: calls a second the bucket refills, positive
 *                  (default 50)
 * @param burst     {@code shipgate.gateway.rate-limit.burst}: calls a full bucket holds, at least 1 (default 200)
 */
@ConfigurationProperties("shipgate.gateway.rate-limit")
record RateLimitSettings(@DefaultValue("50") double perSecond, @DefaultValue("200") double burst) {

    RateLimitSettings {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException(
                    "shipgate.gateway.rate-limit.per-second must be positive, was " + perSecond);
        }
        if (!(burst >= 1)) {
            throw new IllegalArgumentException("shipgate.gateway.rate-limit.burst must be at least 1, was " + burst);
        }
    }
}
