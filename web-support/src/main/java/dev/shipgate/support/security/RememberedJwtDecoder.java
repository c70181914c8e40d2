package dev.shipgate.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Duration;

/**
 * Remembers what a verifying decoder made of a token (its signature checked, its claims read) for the token's next
 * uses: a client sends the same token with every call, and the gateway and then a service each decoded it again
 * (a tenth of the gateway's CPU under load). Built-in and OIDC provider tokens alike. Keyed by the whole token,
 * signature included, so a token changed in any byte is verified afresh; a token that fails verification is not
 * remembered. Only verification is remembered: {@link ValidatedJwtDecoder} checks expiry, issuer and revocation at
 * every use.
 */
class RememberedJwtDecoder implements JwtDecoder {

    static final int MAX_TOKENS = 10_000;
    static final Duration REMEMBERED_FOR = Duration.ofMinutes(10);

    private final JwtDecoder verifying;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS).expireAfterWrite(REMEMBERED_FOR).build();

    RememberedJwtDecoder(JwtDecoder verifying) {
        this.verifying = verifying;
    }

    @Override
    public Jwt decode(String token) {
        return verified.get(token, verifying::decode);
    }
}
