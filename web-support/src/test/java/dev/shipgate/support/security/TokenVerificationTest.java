package dev.shipgate.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerificationTest {

    private static final String SECRET = "unit-test-secret-0123456789abcdefghijkl";
    private final TokenSettings settings = new TokenSettings(SECRET, null, null, null);
    private final Clock clock = Clock.systemUTC();
    private final RevokedTokens revoked = new RevokedTokens(clock);
    private final JwtDecoder decoder = new SecurityConfiguration().jwtDecoder(settings, revoked);
    private final TokenIssuer issuer = new TokenIssuer(settings, clock);

    @Test
    void an_api_token_is_accepted_until_its_id_is_revoked() {
        Instant expiresAt = Instant.now().plus(Duration.ofDays(1));
        String token = issuer.issueApiToken("tok-1", "ci-bot", "nightly", expiresAt);
        assertThat(decoder.decode(token).getSubject()).isEqualTo("ci-bot");
        assertThat(decoder.decode(token).getClaimAsString("token_use")).isEqualTo("api");

        revoked.revoke("tok-1", expiresAt);

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("revoked");
        assertThat(decoder.decode(issuer.issue("ci-bot", "CI", Duration.ofMinutes(5))).getSubject())
                .as("other tokens of the same user still work").isEqualTo("ci-bot");
    }

    @Test
    void a_revocation_is_forgotten_once_the_token_has_expired_anyway() {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        RevokedTokens atNow = new RevokedTokens(Clock.fixed(now, ZoneOffset.UTC));
        atNow.revoke("old", now.minusSeconds(1));
        atNow.revoke("live", now.plusSeconds(60));
        assertThat(atNow.isRevoked("old")).isFalse();
        assertThat(atNow.isRevoked("live")).isTrue();
        assertThat(atNow.size()).isEqualTo(1);

        RevokedTokens later = new RevokedTokens(Clock.fixed(now.plusSeconds(61), ZoneOffset.UTC));
        later.revoke("live", now.plusSeconds(120));
        assertThat(later.isRevoked("live")).isTrue();
    }

    @Test
    void with_an_oidc_provider_the_built_in_api_tokens_still_verify_and_others_go_to_the_provider() {
        TokenSettings both = new TokenSettings(SECRET, null, "http://127.0.0.1:9/no-provider", "preferred_username");
        JwtDecoder routing = new SecurityConfiguration().jwtDecoder(both, revoked);
        String apiToken = issuer.issueApiToken("tok-2", "ci-bot", "ci", Instant.now().plusSeconds(600));
        assertThat(routing.decode(apiToken).getSubject()).isEqualTo("ci-bot");
        String foreign = new TokenIssuer(new TokenSettings(SECRET, "https://idp.example", null, null), clock)
                .issue("mallory", "M", Duration.ofMinutes(5));
        assertThatThrownBy(() -> routing.decode(foreign)).as("a provider token is checked by the provider's keys")
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> routing.decode("not-a-jwt")).isInstanceOf(JwtException.class);
    }

    /** Issue 15, item 2: the caller is known by one canonical id, however the token spells it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"BOB", " bob ", "Bob", "\tbob\n"})
    void the_callers_id_is_the_canonical_form_of_the_tokens_subject(String spelling) {
        String token = issuer.issue(spelling, "Bob", Duration.ofMinutes(5));

        assertThat(decoder.decode(token).getSubject()).isEqualTo("bob");
        assertThat(decoder.decode(token).getClaimAsString("name")).as("other claims are kept").isEqualTo("Bob");
    }

    /** Found by trying to break it: NFKC would fold an identity provider's account "ｃａｒｏｌ" into Shipgate's carol. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\uFF43\uFF41\uFF52\uFF4F\uFF4C", "\u217Darol",
            "\uFB01nn"})
    void a_subject_spelled_with_compatibility_characters_is_refused_not_folded_into_another_user(String spelling) {
        String token = issuer.issue(spelling, "Carol?", Duration.ofMinutes(5));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class)
                .hasMessageContaining("compatibility characters");
    }

    @Test
    void a_token_whose_subject_is_blank_names_nobody_and_is_refused() {
        String token = issuer.issue("   ", "nobody", Duration.ofMinutes(5));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class)
                .hasMessageContaining("names no user");
    }
}
