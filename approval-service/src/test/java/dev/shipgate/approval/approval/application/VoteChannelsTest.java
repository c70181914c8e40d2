package dev.shipgate.approval.approval.application;

import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.support.security.LinkReceipts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A vote is "via e-mail link" only with a receipt of ours for that voter (any spelling of the id) on that request;
 * any other receipt is refused with {@code LINK_RECEIPT_INVALID}, and a vote without one comes through the sign-in.
 */
class VoteChannelsTest {

    static final String SECRET = "a-test-secret-of-at-least-32-bytes-0123456789";
    final LinkReceipts receipts = new LinkReceipts(SECRET);
    final VoteChannels channels = new VoteChannels(receipts);
    final Channel session = Channel.session("token-1");

    @Test
    void a_receipt_for_this_voter_and_request_names_the_link() {
        String receipt = receipts.sign(new LinkReceipts.Receipt("r1", "bob", "link-1")).orElseThrow();

        assertThat(channels.of("Bob", session, "r1", receipt)).isEqualTo(Channel.emailLink("link-1"));
        assertThat(channels.of("bob", session, "r1", null)).isEqualTo(session);
    }

    @Test
    void a_receipt_of_another_voter_request_or_key_is_refused() {
        String forCarol = receipts.sign(new LinkReceipts.Receipt("r1", "carol", "link-2")).orElseThrow();
        String forOtherRequest = receipts.sign(new LinkReceipts.Receipt("r2", "bob", "link-3")).orElseThrow();
        String forged = new LinkReceipts("another-secret-0123456789abcdefghijklmnopq")
                .sign(new LinkReceipts.Receipt("r1", "bob", "link-4")).orElseThrow();

        for (String receipt : new String[] {forCarol, forOtherRequest, forged, "not-a-receipt"}) {
            assertThatThrownBy(() -> channels.of("bob", session, "r1", receipt))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.refusal().reason())
                            .isEqualTo("LINK_RECEIPT_INVALID"));
        }
    }
}
