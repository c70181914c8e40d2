package dev.shipgate.support.security;

import com.nimbusds.jwt.JWTParser;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.text.ParseException;

/**
 * With an OIDC provider for people, Shipgate's own API tokens for automation still work: a token that names the
 * built-in issuer goes to the built-in decoder, every other one to the provider's. The issuer is only read here to
 * choose; each decoder then verifies signature and issuer itself.
 */
class IssuerRoutingJwtDecoder implements JwtDecoder {

    private final String builtInIssuer;
    private final JwtDecoder builtIn;
    private final JwtDecoder provider;

    IssuerRoutingJwtDecoder(String builtInIssuer, JwtDecoder builtIn, JwtDecoder provider) {
        this.builtInIssuer = builtInIssuer;
        this.builtIn = builtIn;
        this.provider = provider;
    }

    @Override
    public Jwt decode(String token) {
        String issuer;
        try {
            issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new BadJwtException("the token is not a JWT: " + e.getMessage(), e);
        }
        return builtInIssuer.equals(issuer) ? builtIn.decode(token) : provider.decode(token);
    }
}
