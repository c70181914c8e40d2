package dev.shipgate.notification.webhook.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The {@code webhook-signature} header of the Standard Webhooks specification
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md, "Signature scheme"):
 * {@code v1,} then the base64 of HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the
 * subscription secret's decoded bytes. The timestamp is whole seconds since the epoch.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    public static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecret.key(secret), "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
