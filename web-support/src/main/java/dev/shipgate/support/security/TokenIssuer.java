package dev.shipgate.support.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The built-in issuer of the local default: HS256 tokens that every service's {@link SecurityConfiguration} accepts.
 */
public class TokenIssuer {

    private final TokenSettings settings;
    private final Clock clock;

    public TokenIssuer(TokenSettings settings, Clock clock) {
        SecurityConfiguration.secretKey(settings); // fails early on a missing or short secret
        this.settings = settings;
        this.clock = clock;
    }

    /** A sign-in token of a person, for {@code lifetime}. */
    public String issue(String userId, String displayName, Duration lifetime) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(userId)
                .claim("name", displayName)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build());
    }

    /** An API token for automation, acting as {@code userId}; revocable through its id. */
    public String issueApiToken(String tokenId, String userId, String name, Instant expiresAt) {
        return sign(new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(userId)
                .claim("token_use", "api")
                .claim("token_name", name)
                .jwtID(tokenId)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(expiresAt))
                .build());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SecurityConfiguration.secretKey(settings).getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
