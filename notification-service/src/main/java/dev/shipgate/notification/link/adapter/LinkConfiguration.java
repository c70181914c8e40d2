package dev.shipgate.notification.link.adapter;

import dev.shipgate.notification.link.application.ApprovalLinks;
import dev.shipgate.notification.link.domain.LinkSigner;
import dev.shipgate.support.security.TokenSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Approve-from-email links: signed with their own key, or one derived from the token secret. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LinkProperties.class)
class LinkConfiguration {

    @Bean
    ApprovalLinks approvalLinks(MongoTemplate mongo, Clock clock, LinkProperties links, TokenSettings tokens) {
        byte[] key = links.secret().isBlank() ? LinkSigner.deriveKey(tokens.secret(), "approval-links")
                : links.secret().getBytes(StandardCharsets.UTF_8);
        return new ApprovalLinks(new LinkSigner(key), new MongoUsedLinks(mongo, clock), clock, links.lifetime());
    }
}
