package dev.shipgate.support.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long a service trusts what it read from MongoDB before reading it again (pipelines, access): the delay before
 * a change made by another instance is seen.
 *
 * @param timeToLive {@code shipgate.cache.time-to-live}, an ISO-8601 duration, positive (default 2 s)
 */
@ConfigurationProperties("shipgate.cache")
public record CacheSettings(@DefaultValue("PT2S") Duration timeToLive) {

    public CacheSettings {
        Positive.require("shipgate.cache.time-to-live", timeToLive);
    }
}
