package dev.shipgate.notification.webhook.domain;

import dev.shipgate.contracts.refusal.Refusal.Kind;
import dev.shipgate.contracts.refusal.RefusalCode;

/**
 * Why a webhook or chat subscription call was refused, each code with its kind (the HTTP status web-support's
 * {@code RefusalMapping} gives it): the {@code reason} of the problem+json answer.
 */
public enum WebhookRefusal implements RefusalCode {
    /** Not an absolute https URL (http only to an allow-listed host), or with user info. */
    WEBHOOK_URL_INVALID(Kind.INVALID),
    /** The URL's host resolves to a loopback, link-local, private, unique-local or multicast address. */
    WEBHOOK_URL_NOT_PUBLIC(Kind.INVALID),
    /** Neither a pipeline nor a scope, or both; or an event type that does not exist. */
    WEBHOOK_TARGET_INVALID(Kind.INVALID),
    /** No such subscription or delivery for the caller (someone else's answers the same). */
    WEBHOOK_NOT_FOUND(Kind.NOT_FOUND),
    /** The caller may not see the pipeline or scope (answers as if it did not exist). */
    UNKNOWN_PIPELINE(Kind.NOT_FOUND);

    private final Kind kind;

    WebhookRefusal(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
