package dev.shipgate.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A token's verification is remembered for its next uses; its expiry and revocation are checked at every use. */
class RememberedTokensTest {

    private static final String SECRET = "unit-test-secret-0123456789abcdefghijkl";
    private final TokenSettings settings = new TokenSettings(SECRET, null, null, null);
    private final Instant start = Instant.parse("2026-11-30T10:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(start);
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder decoder = decoder();
    private final TokenIssuer issuer = new TokenIssuer(settings, clock);

    @Test
    void aTokenIsVerifiedOnceAndItsExpiryCheckedAtEveryUse() {
        String token = issuer.issue("alice", "Alice", Duration.ofMinutes(5));
        for (int use = 0; use < 3; use++) {
            assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        }
        assertThat(verifications).hasValue(1);

        now.set(start.plus(Duration.ofMinutes(6)));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenChangedInItsSignatureIsVerifiedAfreshAndRefused() {
        String token = issuer.issue("alice", "Alice", Duration.ofMinutes(5));
        decoder.decode(token);
        // the signature's first character (its last one holds bits base64url decoding drops)
        int signature = token.lastIndexOf('.') + 1;
        char first = token.charAt(signature);
        String forged = token.substring(0, signature) + (first == 'A' ? 'B' : 'A') + token.substring(signature + 1);

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).as("a refusal is not remembered")
                .isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void theServicesDecoderRefusesARememberedTokenOnceRevoked() {
        RevokedTokens revoked = new RevokedTokens(Clock.systemUTC());
        JwtDecoder configured = new SecurityConfiguration().jwtDecoder(settings, revoked);
        Instant expiresAt = Instant.now().plus(Duration.ofDays(1));
        String token = new TokenIssuer(settings, Clock.systemUTC()).issueApiToken("tok-9", "ci-bot", "n", expiresAt);
        assertThat(configured.decode(token).getSubject()).isEqualTo("ci-bot");

        revoked.revoke("tok-9", expiresAt);

        assertThatThrownBy(() -> configured.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("revoked");
    }

    private JwtDecoder decoder() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(SecurityConfiguration.secretKey(settings))
                .macAlgorithm(MacAlgorithm.HS256).build();
        nimbus.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        JwtTimestampValidator time = new JwtTimestampValidator(Duration.ZERO);
        time.setClock(clock);
        return new ValidatedJwtDecoder(new RememberedJwtDecoder(counting), time);
    }
}
