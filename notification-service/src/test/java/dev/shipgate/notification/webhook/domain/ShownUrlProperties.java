package dev.shipgate.notification.webhook.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What of a subscription's URL is shown back: a chat's (Slack, Teams) URL is the credential that posts to the channel,
 * so nothing of its path, query, fragment or user info is ever shown, only where it goes; a CloudEvents receiver's
 * URL is shown whole (its deliveries are signed with a secret of their own).
 */
class ShownUrlProperties {

    @Property(tries = 500)
    void a_chat_url_shows_its_scheme_host_and_port_and_nothing_of_its_credential(@ForAll("chatUrls") String url,
                                                                                @ForAll("chats") WebhookSubscription
                                                                                        .Format format) {
        URI parsed = URI.create(url);
        String shown = subscription(url, format).shownUrl();
        assertThat(shown).startsWith("https://" + parsed.getHost()).endsWith("/…");
        for (String secret : new String[] {parsed.getRawPath(), parsed.getRawQuery(), parsed.getRawUserInfo(),
                parsed.getRawFragment()}) {
            if (secret != null && secret.length() > 1) {
                assertThat(shown).doesNotContain(secret);
            }
        }
        assertThat(URI.create(shown.replace("…", "")).getPort()).isEqualTo(parsed.getPort());
    }

    @Property(tries = 200)
    void a_cloudevents_url_is_shown_whole(@ForAll("chatUrls") String url) {
        assertThat(subscription(url, WebhookSubscription.Format.CLOUDEVENTS).shownUrl()).isEqualTo(url);
    }

    @Example
    void a_slack_incoming_webhook() {
        assertThat(subscription("https://hooks.slack.com/services/T0/B0/secret", WebhookSubscription.Format.SLACK)
                .shownUrl()).isEqualTo("https://hooks.slack.com/…");
    }

    @Provide
    Arbitrary<WebhookSubscription.Format> chats() {
        return Arbitraries.of(WebhookSubscription.Format.SLACK, WebhookSubscription.Format.TEAMS);
    }

    @Provide
    Arbitrary<String> chatUrls() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withChars('0', '9').ofMinLength(2)
                .ofMaxLength(12);
        Arbitrary<String> userInfo = Arbitraries.oneOf(Arbitraries.just(""),
                word.map(user -> user + ":pw-" + user + "@"));
        Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.integers().between(1, 65535)
                .map(p -> ":" + p));
        // path parts with a '-', which a host word never has: the path cannot turn up inside the host by chance
        Arbitrary<String> path = word.map(part -> "p-" + part).list().ofMinSize(1).ofMaxSize(4)
                .map(parts -> "/" + String.join("/", parts));
        Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(""), word.map(token -> "?token=" + token));
        return Combinators.combine(userInfo, word, port, path, query)
                .as((user, host, p, rest, q) -> "https://" + user + host + ".example" + p + rest + q);
    }

    private static WebhookSubscription subscription(String url, WebhookSubscription.Format format) {
        return new WebhookSubscription("wh-1", "erin", "payments-prod", null, List.of(), url, format, "whsec_x",
                WebhookSubscription.Status.ACTIVE, 0, null, Instant.EPOCH);
    }
}
