package dev.shipgate.support.security;

import dev.shipgate.contracts.identity.UserIds;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The one place where a caller's id enters a service: every controller knows the caller as the decoded token's
 * subject ({@code Jwt.getSubject()}, also the authentication's name), so making the subject canonical here makes
 * every use of it canonical (design rule 12). An OIDC provider that sends {@code Bob} or a built-in token minted for
 * {@code " bob "} both act as {@code bob}. A token whose subject is blank after that is refused: it names nobody.
 */
class CanonicalSubjectJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifying;

    CanonicalSubjectJwtDecoder(JwtDecoder verifying) {
        this.verifying = verifying;
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verifying.decode(token);
        if (UserIds.hasCompatibilityCharacters(jwt.getSubject())) {
            throw new BadJwtException("the token's subject is spelled with compatibility characters (full-width"
                    + " letters, ligatures...): it is refused rather than taken for another user's id");
        }
        String subject = UserIds.canonical(jwt.getSubject());
        if (subject == null || subject.isEmpty()) {
            throw new BadJwtException("the token names no user (its subject is empty)");
        }
        if (subject.equals(jwt.getSubject())) {
            return jwt;
        }
        return Jwt.withTokenValue(jwt.getTokenValue())
                .headers(headers -> headers.putAll(jwt.getHeaders()))
                .claims(claims -> {
                    claims.putAll(jwt.getClaims());
                    claims.put(JwtClaimNames.SUB, subject);
                })
                .build();
    }
}
