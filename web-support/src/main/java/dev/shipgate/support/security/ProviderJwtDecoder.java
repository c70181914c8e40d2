package dev.shipgate.support.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.util.HashMap;
import java.util.Map;

/**
 * Verifies an OIDC provider's tokens with the keys of its JWKS. The provider's discovery document is read when the
 * first token arrives, and again after a failure, so a provider that is away does not stop a service from starting.
 * Services know a caller by the token's subject: it is taken from the claim that holds the Shipgate user id.
 */
class ProviderJwtDecoder implements JwtDecoder {

    private final TokenSettings settings;
    private final RevokedTokens revoked;
    private volatile JwtDecoder delegate;

    ProviderJwtDecoder(TokenSettings settings, RevokedTokens revoked) {
        this.settings = settings;
        this.revoked = revoked;
    }

    @Override
    public Jwt decode(String token) {
        return delegate().decode(token);
    }

    private JwtDecoder delegate() {
        JwtDecoder current = delegate;
        if (current == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = build();
                }
                current = delegate;
            }
        }
        return current;
    }

    private JwtDecoder build() {
        NimbusJwtDecoder decoder;
        try {
            decoder = NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
        } catch (IllegalArgumentException e) {
            throw new JwtException("the identity provider " + settings.issuerUri() + " cannot be reached", e);
        }
        MappedJwtClaimSetConverter defaults = MappedJwtClaimSetConverter.withDefaults(Map.of());
        String userClaim = settings.userClaim();
        decoder.setClaimSetConverter(claims -> {
            Map<String, Object> converted = new HashMap<>(defaults.convert(claims));
            Object user = claims.get(userClaim);
            if (user != null) {
                converted.put(JwtClaimNames.SUB, user.toString());
            }
            return converted;
        });
        return ValidatedJwtDecoder.verifiedOnceValidatedAlways(decoder, new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuerUri()), new NotRevokedValidator(revoked)));
    }
}
