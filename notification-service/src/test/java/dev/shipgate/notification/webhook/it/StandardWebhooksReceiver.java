package dev.shipgate.notification.webhook.it;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A receiver's check of a webhook, written from the Standard Webhooks specification alone (not from Shipgate's
 * signer): the secret is {@code whsec_} plus base64 key bytes; the signed content is {@code id.timestamp.body}; the
 * header holds space-separated {@code v1,<base64>} signatures, one of which must match (compared in constant time);
 * the timestamp must be within the tolerance of now (the spec suggests five minutes) against replays.
 */
final class StandardWebhooksReceiver {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;

    StandardWebhooksReceiver(String secret) {
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("not a Standard Webhooks secret");
        }
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    /** Whether the receiver accepts the request at {@code now}. */
    boolean accepts(String id, String timestamp, String signatureHeader, byte[] body, Instant now) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = hmac((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        for (String signature : signatureHeader.split(" ")) {
            int comma = signature.indexOf(',');
            if (comma > 0 && signature.substring(0, comma).equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(comma + 1)))) {
                return true;
            }
        }
        return false;
    }

    private byte[] hmac(byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
