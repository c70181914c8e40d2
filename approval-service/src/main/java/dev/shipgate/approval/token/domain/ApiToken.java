package dev.shipgate.approval.token.domain;

import dev.shipgate.contracts.events.ApiTokenRevoked;

import java.time.Duration;
import java.time.Instant;

/**
 * A bearer token for automation (a CI job, a script) that acts as {@code userId}. Only its id is kept: the signed token
 * is shown once, when it is made, and stops working when it expires or is revoked.
 */
public record ApiToken(String id, String userId, String name, String createdBy, Instant createdAt,
                       Instant expiresAt, String revokedBy, Instant revokedAt) {

    public static final Duration LONGEST_LIFETIME = Duration.ofDays(366);

    public static ApiToken create(String id, String userId, String name, String createdBy, Instant now,
                                  Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST_LIFETIME) > 0) {
            throw new IllegalArgumentException("a token lives between a day and a year");
        }
        return new ApiToken(id, userId, name, createdBy, now, now.plus(lifetime), null, null);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public boolean isUsable(Instant now) {
        return !isRevoked() && now.isBefore(expiresAt);
    }

    public ApiToken revoke(String by, Instant at) {
        if (isRevoked()) {
            throw new IllegalStateException("token " + id + " is already revoked");
        }
        return new ApiToken(id, userId, name, createdBy, createdAt, expiresAt, by, at);
    }

    public ApiTokenRevoked revokedEvent() {
        return new ApiTokenRevoked(id, userId, revokedBy, revokedAt, expiresAt);
    }
}
