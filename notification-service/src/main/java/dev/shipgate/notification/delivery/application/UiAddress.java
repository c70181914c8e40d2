package dev.shipgate.notification.delivery.application;

/**
 * Where people reach the web UI, which mails, chat messages and paused-webhook notices link to: one value bound once
 * from {@code shipgate.ui.base-url} (delivery's {@code UiProperties}) for every feature that links.
 *
 * @param baseUrl an http(s) URL without a trailing slash, e.g. {@code https://shipgate.example}
 */
public record UiAddress(String baseUrl) {
}
