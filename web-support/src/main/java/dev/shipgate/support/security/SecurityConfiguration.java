package dev.shipgate.support.security;

import dev.shipgate.support.web.ProblemWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Every service verifies the bearer token itself: no service trusts a header it did not verify. Only health
 * probes and metrics are open.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet."
                + "OAuth2ResourceServerAutoConfiguration"})
@EnableConfigurationProperties(TokenSettings.class)
public class SecurityConfiguration {

    /** At least 256 bits for HMAC-SHA256. */
    static final int MIN_SECRET_BYTES = 32;

    /**
     * One observation per request (the web server's, which carries the trace) instead of one more for every security
     * filter, authentication and authorization: those cost a fifth of the gateway's CPU per request.
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    public RevokedTokens revokedTokens() {
        return new RevokedTokens(Clock.systemUTC());
    }

    /**
     * The built-in issuer's tokens (HS256, the shared secret), an OIDC provider's (its JWKS), or both: with a provider
     * for people and a secret for API tokens. Every token is checked against the revoked ones, and its subject (the
     * caller's user id) comes out in the canonical form of {@code UserIds}, whichever decoder read it.
     */
    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(TokenSettings settings, RevokedTokens revoked) {
        if (!settings.usesOidc()) {
            return new CanonicalSubjectJwtDecoder(builtInDecoder(settings, revoked));
        }
        JwtDecoder provider = new ProviderJwtDecoder(settings, revoked);
        return new CanonicalSubjectJwtDecoder(settings.hasSecret() ? new IssuerRoutingJwtDecoder(settings.issuer(),
                builtInDecoder(settings, revoked), provider) : provider);
    }

    private static JwtDecoder builtInDecoder(TokenSettings settings, RevokedTokens revoked) {
        NimbusJwtDecoder verifying = NimbusJwtDecoder.withSecretKey(secretKey(settings))
                .macAlgorithm(MacAlgorithm.HS256).build();
        return ValidatedJwtDecoder.verifiedOnceValidatedAlways(verifying, new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(), new JwtIssuerValidator(settings.issuer()),
                new NotRevokedValidator(revoked)));
    }

    public static SecretKeySpec secretKey(TokenSettings settings) {
        String secret = settings.secret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("SHIPGATE_JWT_SECRET must be set to at least " + MIN_SECRET_BYTES
                    + " bytes (./shipgate up generates one)");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A URL the firewall refuses (an encoded slash, a line break...) gets a problem like any bad input. */
    @Bean
    @ConditionalOnMissingBean
    public RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> ProblemWriter.write(response, HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                "the request URL is not allowed: " + e.getMessage());
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return applyApiDefaults(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                "/actuator/info").permitAll()
                        .anyRequest().authenticated())
                .build();
    }

    /** Stateless bearer-token API with problem+json answers for 401 and 403; shared with the gateway's chain. */
    public static HttpSecurity applyApiDefaults(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> { })
                        .authenticationEntryPoint((request, response, e) -> ProblemWriter.write(response,
                                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                                "a valid bearer token is required: " + e.getMessage()))
                        .accessDeniedHandler((request, response, e) -> ProblemWriter.write(response,
                                HttpStatus.FORBIDDEN, "FORBIDDEN", e.getMessage())))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> ProblemWriter.write(response,
                                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "a valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) -> ProblemWriter.write(response,
                                HttpStatus.FORBIDDEN, "FORBIDDEN", e.getMessage())));
    }
}
