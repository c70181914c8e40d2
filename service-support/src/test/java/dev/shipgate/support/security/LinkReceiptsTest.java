package dev.shipgate.support.security;

import dev.shipgate.support.security.LinkReceipts.Receipt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Receipts of spent e-mail links: only the holder of the shared secret makes one, and any change breaks it. */
class LinkReceiptsTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes-0123456789";
    private final LinkReceipts receipts = new LinkReceipts(SECRET);

    @Test
    void a_receipt_reads_back_as_signed() {
        Receipt receipt = new Receipt("ar-1", "bob", "n-1");

        assertThat(receipts.verify(receipts.sign(receipt).orElseThrow())).contains(receipt);
    }

    @Test
    void an_altered_or_foreign_receipt_is_refused() {
        String signed = receipts.sign(new Receipt("ar-1", "bob", "n-1")).orElseThrow();
        String forCarol = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("ar-1|carol|n-1".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + signed.substring(signed.indexOf('.'));
        String foreign = new LinkReceipts(SECRET + "x").sign(new Receipt("ar-1", "bob", "n-1")).orElseThrow();

        assertThat(receipts.verify(forCarol)).isEmpty();
        assertThat(receipts.verify(foreign)).isEmpty();
        assertThat(receipts.verify("not-a-receipt")).isEmpty();
        assertThat(receipts.verify(null)).isEmpty();
    }

    @Test
    void without_a_shared_secret_no_receipt_is_made_or_accepted() {
        LinkReceipts off = new LinkReceipts(null);

        assertThat(off.enabled()).isFalse();
        assertThat(off.sign(new Receipt("ar-1", "bob", "n-1"))).isEmpty();
        assertThat(off.verify(receipts.sign(new Receipt("ar-1", "bob", "n-1")).orElseThrow())).isEmpty();
    }
}
