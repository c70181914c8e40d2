package dev.shipgate.notification.link.domain;

import java.time.Instant;

/** What an approve-from-email link stands for: one approver, one request, until a time, once. */
public record ApprovalLink(String requestId, String userId, Instant expiresAt, String nonce) {
}
