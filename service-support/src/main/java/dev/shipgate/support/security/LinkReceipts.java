package dev.shipgate.support.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Proof that notification-service spent an approve-from-email link for a user on a request, so that approval-service
 * can record a vote as made "via e-mail link <id>" without trusting what the browser says. A receipt is a JWS
 * (RFC 7515, compact form, HS256, {@code typ} {@value #TYPE}) whose payload is {@code {"request", "user", "link"}},
 * under a key derived from the shared token secret (SHIPGATE_JWT_SECRET) for this purpose only; without that secret no
 * receipts are made and none is accepted. It grants nothing: the vote is still the signed-in user's, under every rule.
 */
public final class LinkReceipts {

    public record Receipt(String requestId, String userId, String linkId) {
    }

    static final String TYPE = "shipgate-link-receipt";
    private static final JOSEObjectType JOSE_TYPE = new JOSEObjectType(TYPE);
    private static final int MIN_SECRET_BYTES = 32;
    private static final int MAX_LENGTH = 1000;

    private final MACSigner signer;
    private final MACVerifier verifier;

    /** {@code tokenSecret}: the services' shared token secret; null or short turns receipts off. */
    public LinkReceipts(String tokenSecret) {
        boolean usable = tokenSecret != null && tokenSecret.getBytes(StandardCharsets.UTF_8).length >= MIN_SECRET_BYTES;
        try {
            byte[] key = usable ? derivedKey(tokenSecret) : null;
            this.signer = usable ? new MACSigner(key) : null;
            this.verifier = usable ? new MACVerifier(key) : null;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean enabled() {
        return signer != null;
    }

    /** The receipt, or empty when receipts are off. */
    public Optional<String> sign(Receipt receipt) {
        if (signer == null) {
            return Optional.empty();
        }
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSE_TYPE).build(),
                new Payload(Map.of("request", receipt.requestId(), "user", receipt.userId(),
                        "link", receipt.linkId())));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return Optional.of(jws.serialize());
    }

    /** The receipt if it is well formed, of this type and signed with our key; empty otherwise (or when off). */
    public Optional<Receipt> verify(String text) {
        if (verifier == null || text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            JWSObject jws = JWSObject.parse(text);
            if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm())
                    || !JOSE_TYPE.equals(jws.getHeader().getType()) || !jws.verify(verifier)) {
                return Optional.empty();
            }
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            if (claims != null && claims.get("request") instanceof String request
                    && claims.get("user") instanceof String user && claims.get("link") instanceof String link) {
                return Optional.of(new Receipt(request, user, link));
            }
            return Optional.empty();
        } catch (ParseException | JOSEException malformed) {
            return Optional.empty();
        }
    }

    /** A key for receipts only, so that nothing else signed with the token secret can pass for a receipt. */
    private static byte[] derivedKey(String tokenSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("approval-link-receipts".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
