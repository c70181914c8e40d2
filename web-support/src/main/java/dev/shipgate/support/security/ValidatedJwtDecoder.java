package dev.shipgate.support.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.util.Collection;

/**
 * Checks a decoded token's claims (time window, issuer, not revoked) at every use, after a decoder that may have
 * verified it before ({@link RememberedJwtDecoder}). Refuses with a {@link JwtValidationException} worded as Spring
 * Security's own decoder words it, so callers see the same 401 problem either way.
 */
class ValidatedJwtDecoder implements JwtDecoder {

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;

    ValidatedJwtDecoder(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    /**
     * {@code verifying}'s signature check remembered for a token's next uses ({@link RememberedJwtDecoder}) and
     * {@code validator} applied at every use: the shape of every decoder a service trusts.
     */
    static JwtDecoder verifiedOnceValidatedAlways(NimbusJwtDecoder verifying, OAuth2TokenValidator<Jwt> validator) {
        verifying.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // at every use, by this decoder
        return new ValidatedJwtDecoder(new RememberedJwtDecoder(verifying), validator);
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = decoder.decode(token);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            Collection<OAuth2Error> errors = result.getErrors();
            String reason = errors.stream().map(OAuth2Error::getDescription)
                    .filter(description -> description != null && !description.isEmpty())
                    .findFirst().orElse("Unable to validate Jwt");
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: " + reason,
                    errors);
        }
        return jwt;
    }
}
