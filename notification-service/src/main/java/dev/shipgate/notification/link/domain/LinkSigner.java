package dev.shipgate.notification.link.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs approve-from-email links with HMAC-SHA256: {@code base64url(requestId|userId|expiresAt|nonce).signature}.
 * Any change to the text breaks the signature; checking compares in constant time.
 */
public final class LinkSigner {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;

    public LinkSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the link secret needs at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    /**
     * A key of its own for links, derived from another secret (the token secret) when no link secret is set, so
     * that one key never serves two purposes.
     */
    public static byte[] deriveKey(String secret, String purpose) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("set SHIPGATE_LINK_SECRET or SHIPGATE_JWT_SECRET (32 bytes or more)");
        }
        return hmac(secret.getBytes(StandardCharsets.UTF_8), purpose);
    }

    public String sign(ApprovalLink link) {
        String payload = String.join("|", link.requestId(), link.userId(),
                Long.toString(link.expiresAt().getEpochSecond()), link.nonce());
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(mac(encoded));
    }

    /** The link, if the token is well formed and its signature is ours; expiry and reuse are checked elsewhere. */
    public Optional<ApprovalLink> verify(String token) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        try {
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(encoded))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            return Optional.of(new ApprovalLink(parts[0], parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2])),
                    parts[3]));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String text) {
        return hmac(secret, text);
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
