package dev.shipgate.notification.delivery.domain;

/** A composed email for one recipient. */
public record Message(String recipient, String subject, String html, String text) {
}
