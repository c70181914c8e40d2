package dev.shipgate.notification.webhook.adapter;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhook signing secrets at rest (issue 19): sealed with AES-256-GCM (the JDK's), a fresh 12-byte nonce each time,
 * the subscription's id as associated data (a sealed secret copied onto another subscription does not open), stored
 * as {@code sealed:v1:<key id>:<base64 of nonce and ciphertext>}. The key id lets keys rotate: the first key seals,
 * every listed key opens, and {@link MongoWebhookSubscriptions#resealAll} moves documents onto the first key.
 *
 * <p>Keys come from the environment only: {@code SHIPGATE_WEBHOOK_SECRET_KEY} is {@code id:base64} of 32 random
 * bytes, several comma-separated for a rotation (new first). When it is blank, one key is derived from the token
 * secret ({@code SHIPGATE_JWT_SECRET}) for this purpose alone, with an id made from its fingerprint.
 */
final class SealedSecrets {

    static final String PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;

    private SealedSecrets(Map<String, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no webhook secret key");
        }
        this.currentId = keys.keySet().iterator().next();
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("webhook secret key " + id + " must be 32 bytes (base64)");
            }
            specs.put(id, new SecretKeySpec(key, "AES"));
        });
        this.keys = Map.copyOf(specs);
    }

    /** Keys as {@code SHIPGATE_WEBHOOK_SECRET_KEY} writes them: {@code id:base64[,id:base64...]}, the first seals. */
    static SealedSecrets of(String setting) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : setting.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || keys.containsKey(parts[0])) {
                throw new IllegalArgumentException("SHIPGATE_WEBHOOK_SECRET_KEY: each key is id:base64, ids unique");
            }
            keys.put(parts[0], Base64.getDecoder().decode(parts[1].strip()));
        }
        return new SealedSecrets(keys);
    }

    /** One key derived from the token secret (at least 32 bytes) for sealing webhook secrets only. */
    static SealedSecrets derivedFrom(String tokenSecret) {
        if (tokenSecret == null || tokenSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("set SHIPGATE_WEBHOOK_SECRET_KEY or SHIPGATE_JWT_SECRET (32 bytes+)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] key = mac.doFinal("webhook-secrets".getBytes(StandardCharsets.UTF_8));
            String id = "derived-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
            return new SealedSecrets(Map.of(id, key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random key made in this process: for tests, never written anywhere. */
    static SealedSecrets fresh(String id) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new SealedSecrets(Map.of(id, key));
    }

    /** This and {@code older}'s keys: this one seals, all open. */
    SealedSecrets then(SealedSecrets older) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(currentId, keys.get(currentId).getEncoded());
        older.keys.forEach((id, key) -> all.putIfAbsent(id, key.getEncoded()));
        return new SealedSecrets(all);
    }

    /** {@code plain} sealed for subscription {@code id}; null stays null (chat subscriptions have no secret). */
    String seal(String id, String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, currentId, nonce, id)
                    .doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(ByteBuffer
                    .allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The plain secret of subscription {@code id}; a value stored before sealing existed is returned as it is (until
     * {@link MongoWebhookSubscriptions#resealAll} seals it).
     *
     * @throws IllegalStateException when its key is not configured or the value was changed or belongs to another id
     */
    String open(String id, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        String[] parts = stored.substring(PREFIX.length()).split(":", 2);
        if (parts.length != 2 || !keys.containsKey(parts[0])) {
            throw new IllegalStateException("the secret of webhook subscription " + id + " is sealed with key "
                    + parts[0] + ", which SHIPGATE_WEBHOOK_SECRET_KEY does not hold");
        }
        try {
            byte[] all = Base64.getDecoder().decode(parts[1]);
            byte[] nonce = Arrays.copyOf(all, NONCE_BYTES);
            byte[] plain = cipher(Cipher.DECRYPT_MODE, parts[0], nonce, id)
                    .doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the sealed secret of webhook subscription " + id + " does not open", e);
        }
    }

    /** Whether {@code stored} is sealed with the key that seals now (nothing to reseal). */
    boolean sealedWithCurrentKey(String stored) {
        return stored == null || stored.startsWith(PREFIX + currentId + ":");
    }

    private Cipher cipher(int mode, String keyId, byte[] nonce, String id) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
