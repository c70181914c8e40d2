package dev.shipgate.support.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Refuses a token whose id was revoked. */
class NotRevokedValidator implements OAuth2TokenValidator<Jwt> {

    private final RevokedTokens revoked;

    NotRevokedValidator(RevokedTokens revoked) {
        this.revoked = revoked;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (revoked.isRevoked(token.getId())) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "the token " + token.getId() + " was revoked", null));
        }
        return OAuth2TokenValidatorResult.success();
    }
}
