package dev.shipgate.gateway;

import dev.shipgate.support.security.SecurityConfiguration;
import dev.shipgate.support.security.TokenIssuer;
import dev.shipgate.support.security.TokenSettings;
import dev.shipgate.support.config.SeedFileSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.time.Clock;

/**
 * The gateway checks the bearer token of every API call before routing it (and each service checks it again).
 * Open: the UI's files, sign-in, health.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({OidcSettings.class, SeedFileSettings.class})
public class GatewaySecurity {

    @Bean
    SecurityFilterChain gatewayFilterChain(HttpSecurity http) throws Exception {
        return SecurityConfiguration.applyApiDefaults(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/auth/token", "/api/auth/config", "/api/auth/oidc/token",
                                "/actuator/health/**", "/actuator/health",
                                "/actuator/prometheus", "/actuator/info").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                // the UI loads nothing from elsewhere and runs no inline script: typed text can never execute
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'")))
                .build();
    }

    @Bean
    Credentials credentials(SeedFileSettings settings) throws IOException {
        return new Credentials(settings.seedFile());
    }

    @Bean
    OidcProvider oidcProvider(TokenSettings tokens, OidcSettings settings) {
        return new OidcProvider(tokens, settings);
    }

    @Bean
    TokenIssuer tokenIssuer(TokenSettings settings) {
        return new TokenIssuer(settings, Clock.systemUTC());
    }
}
