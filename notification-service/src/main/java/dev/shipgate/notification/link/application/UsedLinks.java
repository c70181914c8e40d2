package dev.shipgate.notification.link.application;

/** Nonces of links already used. */
public interface UsedLinks {

    /** Marks the nonce used; false if it was used before. */
    boolean markUsed(String nonce, String requestId, String userId);
}
