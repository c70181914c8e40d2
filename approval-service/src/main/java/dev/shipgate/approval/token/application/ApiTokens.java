package dev.shipgate.approval.token.application;

import dev.shipgate.approval.token.domain.ApiToken;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Makes, lists and revokes API tokens; who may do so on whose tokens is the caller's concern. */
public class ApiTokens {

    public record Issued(ApiToken token, String bearerToken) {
    }

    private final ApiTokenStore store;
    private final TokenSigner signer;
    private final Clock clock;

    public ApiTokens(ApiTokenStore store, TokenSigner signer, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.clock = clock;
    }

    public Issued issue(String userId, String name, String createdBy, Duration lifetime) {
        ApiToken token = ApiToken.create("tok-" + UUID.randomUUID(), userId, name, createdBy, clock.instant(),
                lifetime);
        store.save(token, List.of());
        return new Issued(token, signer.sign(token));
    }

    public Optional<ApiToken> find(String id) {
        return store.find(id);
    }

    public List<ApiToken> list(String userId) {
        return store.list(userId);
    }

    /** Revokes the token and publishes the revocation, which every service applies. */
    public ApiToken revoke(ApiToken token, String by) {
        ApiToken revoked = token.revoke(by, clock.instant());
        store.save(revoked, List.of(revoked.revokedEvent()));
        return revoked;
    }
}
