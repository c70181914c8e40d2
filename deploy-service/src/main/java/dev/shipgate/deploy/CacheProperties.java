package dev.shipgate.deploy;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The short-lived caches in front of the pipelines and the access replica ({@code shipgate.cache.*}); checked at
 * start.
 *
 * @param timeToLive how long a read answer is reused (default 2 s); zero turns the caches off, never negative
 */
@Validated
@ConfigurationProperties("shipgate.cache")
public record CacheProperties(@NotNull @DurationMin(millis = 0) @DefaultValue("PT2S") java.time.Duration timeToLive) {
}
