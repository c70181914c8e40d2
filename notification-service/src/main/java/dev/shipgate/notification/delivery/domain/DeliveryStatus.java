package dev.shipgate.notification.delivery.domain;

/**
 * PENDING until the SMTP server takes it (then SENT) or the last attempt failed (FAILED). HELD: a mail kept while its
 * message goes to the recipient's own chat (issue 19), sent only if that chat delivery fails or is dropped.
 */
public enum DeliveryStatus { PENDING, SENT, FAILED, HELD }
