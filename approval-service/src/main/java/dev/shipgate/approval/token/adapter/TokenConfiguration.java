package dev.shipgate.approval.token.adapter;

import dev.shipgate.approval.token.application.ApiTokens;
import dev.shipgate.approval.token.application.TokenSigner;
import dev.shipgate.support.messaging.AggregateStore;
import dev.shipgate.support.security.TokenIssuer;
import dev.shipgate.support.security.TokenSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** The token feature: API tokens for automation, signed by the built-in issuer. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    ApiTokens apiTokens(MongoTemplate mongo, AggregateStore store, TokenSettings settings, Clock clock) {
        TokenIssuer issuer = settings.hasSecret() ? new TokenIssuer(settings, clock) : null;
        TokenSigner signer = token -> issuer.issueApiToken(token.id(), token.userId(), token.name(),
                token.expiresAt());
        return new ApiTokens(new MongoApiTokenStore(mongo, store), signer, clock);
    }
}
