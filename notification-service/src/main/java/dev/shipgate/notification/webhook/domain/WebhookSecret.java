package dev.shipgate.notification.webhook.domain;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A subscription's signing secret as the Standard Webhooks specification writes it: {@code whsec_} then the base64
 * of 32 random bytes (the spec asks for 24 to 64). Shown once, when the subscription is made.
 */
public final class WebhookSecret {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecret() {
    }

    public static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The key bytes the signature is made with: the base64 part, decoded. */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
