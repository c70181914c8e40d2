package dev.shipgate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Bearer tokens as the built-in issuer makes them, plus deliberately bad ones. */
public final class TestTokens {

    /** The secret the tests give every service; a real deployment takes it from the environment. */
    public static final String SECRET = "test-only-secret-0123456789abcdefghijklmnop";
    public static final String ISSUER = "shipgate";

    private TestTokens() {
    }

    public static String forUser(String userId) {
        return sign(userId, ISSUER, SECRET, Instant.now().plus(Duration.ofHours(1)));
    }

    public static String expired(String userId) {
        return sign(userId, ISSUER, SECRET, Instant.now().minus(Duration.ofMinutes(5)));
    }

    public static String signedWithOtherSecret(String userId) {
        return sign(userId, ISSUER, "another-secret-0123456789abcdefghijklmnopq", Instant.now().plusSeconds(3600));
    }

    public static String fromOtherIssuer(String userId) {
        return sign(userId, "someone-else", SECRET, Instant.now().plusSeconds(3600));
    }

    public static String sign(String userId, String issuer, String secret, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(userId).claim("name", userId)
                .issueTime(new Date()).expirationTime(Date.from(expiresAt)).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
