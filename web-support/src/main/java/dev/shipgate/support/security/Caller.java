package dev.shipgate.support.security;

import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, as a verified bearer token says: the user id ({@code sub}) and a display name. */
public record Caller(String userId, String name) {

    public static Caller of(Jwt jwt) {
        String name = jwt.getClaimAsString("name");
        return new Caller(jwt.getSubject(), name == null ? jwt.getSubject() : name);
    }
}
