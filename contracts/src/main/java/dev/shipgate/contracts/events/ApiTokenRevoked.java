package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;

/**
 * An API token was revoked before its end: every service refuses it from now on. {@code expiresAt} says until when the
 * revocation matters (after that the token is refused anyway), so a consumer can forget it then.
 */
public record ApiTokenRevoked(String tokenId, String userId, String revokedBy, Instant revokedAt, Instant expiresAt)
        implements EventPayload {

    @Override
    public String subject() {
        return tokenId;
    }

    @Override
    public String partitionKey() {
        return tokenId;
    }
}
