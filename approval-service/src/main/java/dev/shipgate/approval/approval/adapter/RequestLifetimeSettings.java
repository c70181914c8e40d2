package dev.shipgate.approval.approval.adapter;

import dev.shipgate.support.config.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long approval requests live, both ISO-8601 durations, positive.
 *
 * @param requestLifetime {@code shipgate.approval.request-lifetime}: how long a request waits for votes when its
 *                        pipeline sets no lifetime of its own (default 7 days)
 * @param expirySweep     {@code shipgate.approval.expiry-sweep}: the pause between two sweeps that expire the requests
 *                        past their lifetime (default 5 s)
 */
@ConfigurationProperties("shipgate.approval")
record RequestLifetimeSettings(@DefaultValue("P7D") Duration requestLifetime,
                               @DefaultValue("PT5S") Duration expirySweep) {

    RequestLifetimeSettings {
        Positive.require("shipgate.approval.request-lifetime", requestLifetime);
        Positive.require("shipgate.approval.expiry-sweep", expirySweep);
    }
}
