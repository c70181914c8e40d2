package dev.shipgate.notification.link.domain;

import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.notification.link.application.ApprovalLinks;
import dev.shipgate.notification.link.application.UsedLinks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalLinksTest {

    private static final byte[] KEY = "a-link-key-of-more-than-32-bytes-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final Set<String> used = new HashSet<>();
    private final UsedLinks usedLinks = (nonce, requestId, userId) -> used.add(nonce);

    private ApprovalLinks at(Instant instant) {
        return new ApprovalLinks(new LinkSigner(KEY), usedLinks, Clock.fixed(instant, ZoneOffset.UTC),
                Duration.ofHours(72));
    }

    private static LinkRefusal refusal(Runnable redeem) {
        try {
            redeem.run();
        } catch (RefusedException e) {
            return LinkRefusal.valueOf(e.refusal().reason());
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void a_link_opens_its_request_for_its_approver_once() {
        String token = at(NOW).issue("ar-1", "bob");

        assertThat(at(NOW.plusSeconds(60)).redeem(token, "bob")).isEqualTo("ar-1");
        assertThat(refusal(() -> at(NOW.plusSeconds(61)).redeem(token, "bob")))
                .isEqualTo(LinkRefusal.LINK_ALREADY_USED);
    }

    @Test
    void a_link_expires_after_its_lifetime() {
        String token = at(NOW).issue("ar-1", "bob");

        assertThat(refusal(() -> at(NOW.plus(Duration.ofHours(72))).redeem(token, "bob")))
                .isEqualTo(LinkRefusal.LINK_EXPIRED);
    }

    @Test
    void a_link_works_only_for_the_approver_it_was_sent_to() {
        String token = at(NOW).issue("ar-1", "bob");

        assertThat(refusal(() -> at(NOW).redeem(token, "mallory"))).isEqualTo(LinkRefusal.LINK_NOT_YOUR_LINK);
    }

    @Test
    void a_forged_or_altered_link_is_refused() {
        String token = at(NOW).issue("ar-1", "bob");
        String otherKeys = new ApprovalLinks(new LinkSigner("another-key-of-more-than-32-bytes-abcdefgh"
                .getBytes(StandardCharsets.UTF_8)), usedLinks, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1))
                .issue("ar-1", "bob");
        String longerLife = token.replace(token.substring(0, token.indexOf('.')),
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("ar-1|bob|9999999999|x")
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(refusal(() -> at(NOW).redeem(otherKeys, "bob"))).isEqualTo(LinkRefusal.LINK_FORGED);
        assertThat(refusal(() -> at(NOW).redeem(longerLife, "bob"))).isEqualTo(LinkRefusal.LINK_FORGED);
        assertThat(refusal(() -> at(NOW).redeem("not a token", "bob"))).isEqualTo(LinkRefusal.LINK_FORGED);
        assertThatThrownBy(() -> new LinkSigner(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
