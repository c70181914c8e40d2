package dev.shipgate.support.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API tokens revoked before their end, by token id ({@code jti}). An entry is kept until the token expires; after
 * that the token is refused for its age anyway, so it is forgotten.
 */
public class RevokedTokens {

    private final Map<String, Instant> expiryById = new ConcurrentHashMap<>();
    private final Clock clock;

    public RevokedTokens(Clock clock) {
        this.clock = clock;
    }

    public void revoke(String tokenId, Instant expiresAt) {
        if (expiresAt.isAfter(clock.instant())) {
            expiryById.put(tokenId, expiresAt);
        }
    }

    public boolean isRevoked(String tokenId) {
        if (tokenId == null) {
            return false;
        }
        Instant expiresAt = expiryById.get(tokenId);
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            expiryById.remove(tokenId, expiresAt);
            return false;
        }
        return expiresAt != null;
    }

    public int size() {
        return expiryById.size();
    }
}
