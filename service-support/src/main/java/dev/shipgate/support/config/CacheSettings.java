package dev.shipgate.support.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long a service trusts what it read from MongoDB before reading it again (pipelines, access): the delay before
 * a change made by another instance is seen.
 *
 * @param timeToLive {@code shipgate.cache.time-to-live}, an ISO-8601 duration, zero or positive (default 2 s;
 *                   zero reads the database every time)
 */
@ConfigurationProperties("shipgate.cache")
public record CacheSettings(@DefaultValue("PT2S") Duration timeToLive) {

    public CacheSettings {
        if (timeToLive == null || timeToLive.isNegative()) { // zero: every read goes to the database, as it could
            throw new IllegalArgumentException("shipgate.cache.time-to-live must be zero (no caching) or a positive"
                    + " duration, was " + timeToLive);
        }
    }
}
