package dev.shipgate.support.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import dev.shipgate.support.security.LinkReceipts.Receipt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

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
    void an_altered_or_foreign_receipt_is_refused() throws JOSEException {
        String signed = receipts.sign(new Receipt("ar-1", "bob", "n-1")).orElseThrow();
        String[] parts = signed.split("\\.");
        String forCarol = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"request\":\"ar-1\",\"user\":\"carol\",\"link\":\"n-1\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        String foreign = new LinkReceipts(SECRET + "x").sign(new Receipt("ar-1", "bob", "n-1")).orElseThrow();

        assertThat(receipts.verify(forCarol)).isEmpty();
        assertThat(receipts.verify(foreign)).isEmpty();
        assertThat(receipts.verify(signedWithTheTokenSecretItself())).isEmpty();
        assertThat(receipts.verify("not-a-receipt")).isEmpty();
        assertThat(receipts.verify(null)).isEmpty();
    }

    /**
     * Anything else signed with the shared secret (a session token, say) is no receipt: receipts have their own key.
     */
    private static String signedWithTheTokenSecretItself() throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType(LinkReceipts.TYPE)).build(),
                new Payload(Map.of("request", "ar-1", "user", "bob", "link", "n-1")));
        jws.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jws.serialize();
    }

    @Test
    void without_a_shared_secret_no_receipt_is_made_or_accepted() {
        LinkReceipts off = new LinkReceipts(null);

        assertThat(off.enabled()).isFalse();
        assertThat(off.sign(new Receipt("ar-1", "bob", "n-1"))).isEmpty();
        assertThat(off.verify(receipts.sign(new Receipt("ar-1", "bob", "n-1")).orElseThrow())).isEmpty();
    }
}
