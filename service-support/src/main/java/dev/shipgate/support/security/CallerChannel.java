package dev.shipgate.support.security;

import dev.shipgate.contracts.events.Channel;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Through what a verified caller came, read from their bearer token: an API token of the built-in issuer carries
 * {@code token_use: api}, its id as {@code jti} and its name as {@code token_name} (TokenIssuer); any other token is
 * a sign-in session, known by its {@code jti} when the issuer sets one.
 */
public final class CallerChannel {

    private CallerChannel() {
    }

    public static Channel of(Jwt caller) {
        if (isApiToken(caller)) {
            return Channel.apiToken(caller.getId(), caller.getClaimAsString("token_name"));
        }
        return Channel.session(caller.getId());
    }

    public static boolean isApiToken(Jwt caller) {
        return "api".equals(caller.getClaimAsString("token_use"));
    }
}
