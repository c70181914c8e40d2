package dev.shipgate.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are verified. With {@code issuerUri} set, tokens of that OIDC provider are accepted (keys from
 * its JWKS), the Shipgate user id taken from {@code userClaim} ({@code sub} unless set, e.g.
 * {@code preferred_username} or {@code email}). And, with {@code secret} set, the tokens of Shipgate's built-in
 * issuer, HMAC-SHA256 signed with {@code secret}, which comes
 * from the environment ({@code SHIPGATE_JWT_SECRET}) and never from the repository.
 *
 * @param secret    the built-in issuer's HMAC key, at least 32 bytes; unset: its tokens are not accepted
 * @param issuer    the {@code iss} of the built-in issuer's tokens (default {@code shipgate}; blank means the default)
 * @param issuerUri the OIDC provider whose tokens are accepted; unset: none
 * @param userClaim the claim of a provider's token that holds the Shipgate user id (default {@code sub}; blank
 *                  means the default)
 */
@ConfigurationProperties("shipgate.security")
public record TokenSettings(String secret, @DefaultValue(TokenSettings.BUILT_IN_ISSUER) String issuer,
                            String issuerUri, @DefaultValue(TokenSettings.SUBJECT) String userClaim) {

    public static final String BUILT_IN_ISSUER = "shipgate";
    static final String SUBJECT = "sub";

    public TokenSettings {
        issuer = issuer == null || issuer.isBlank() ? BUILT_IN_ISSUER : issuer;
        userClaim = userClaim == null || userClaim.isBlank() ? SUBJECT : userClaim;
    }

    public boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }

    public boolean usesOidc() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
