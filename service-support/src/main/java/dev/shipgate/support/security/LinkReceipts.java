package dev.shipgate.support.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Proof that notification-service spent an approve-from-email link for a user on a request, so that approval-service
 * can record a vote as made "via e-mail link <id>" without trusting what the browser says. A receipt is
 * {@code base64url(requestId|userId|linkId).base64url(HMAC-SHA256)} under a key derived from the shared token secret
 * (SHIPGATE_JWT_SECRET) for this purpose only; without that secret no receipts are made and none is accepted. It
 * grants nothing: the vote is still the signed-in user's, under every rule.
 */
public final class LinkReceipts {

    public record Receipt(String requestId, String userId, String linkId) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MIN_SECRET_BYTES = 32;

    private final byte[] key;

    /** {@code tokenSecret}: the services' shared token secret; null or short turns receipts off. */
    public LinkReceipts(String tokenSecret) {
        boolean usable = tokenSecret != null && tokenSecret.getBytes(StandardCharsets.UTF_8).length >= MIN_SECRET_BYTES;
        this.key = usable ? hmac(tokenSecret.getBytes(StandardCharsets.UTF_8), "approval-link-receipts") : null;
    }

    public boolean enabled() {
        return key != null;
    }

    /** The receipt, or empty when receipts are off. */
    public Optional<String> sign(Receipt receipt) {
        if (key == null) {
            return Optional.empty();
        }
        String payload = String.join("|", receipt.requestId(), receipt.userId(), receipt.linkId());
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return Optional.of(encoded + "." + ENCODER.encodeToString(hmac(key, encoded)));
    }

    /** The receipt if it is well formed and ours; empty otherwise (or when receipts are off). */
    public Optional<Receipt> verify(String text) {
        if (key == null || text == null || text.length() > 1000) {
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            return Optional.empty();
        }
        String encoded = text.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(DECODER.decode(text.substring(dot + 1)), hmac(key, encoded))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\\|", -1);
            return parts.length == 3 ? Optional.of(new Receipt(parts[0], parts[1], parts[2])) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
