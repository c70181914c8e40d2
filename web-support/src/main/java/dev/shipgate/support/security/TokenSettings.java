package dev.shipgate.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How bearer tokens are verified. With {@code issuerUri} set, tokens of that OIDC provider are accepted (keys from
 * its JWKS), the Shipgate user id taken from {@code userClaim} ({@code sub} unless set, e.g.
 * {@code preferred_username} or {@code email}). And, with {@code secret} set, the tokens of Shipgate's built-in
 * issuer, HMAC-SHA256 signed with {@code secret}, which comes
 * from the environment ({@code SHIPGATE_JWT_SECRET}) and never from the repository.
 */
@ConfigurationProperties("shipgate.security")
public record TokenSettings(String secret, String issuer, String issuerUri, String userClaim) {

    public static final String BUILT_IN_ISSUER = "shipgate";

    public TokenSettings {
        issuer = issuer == null || issuer.isBlank() ? BUILT_IN_ISSUER : issuer;
        userClaim = userClaim == null || userClaim.isBlank() ? "sub" : userClaim;
    }

    public boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }

    public boolean usesOidc() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
