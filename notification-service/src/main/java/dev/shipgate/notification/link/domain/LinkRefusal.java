package dev.shipgate.notification.link.domain;

import dev.shipgate.contracts.refusal.RefusalCode;
import dev.shipgate.contracts.refusal.Refusal.Kind;

/**
 * Why an approve-from-email link was not honoured, each code with its kind (which HTTP status web-support's
 * {@code RefusalMapping} gives it): the {@code reason} of the problem+json answer to a redeem call.
 */
public enum LinkRefusal implements RefusalCode {
    /** The signature does not match: altered, or signed with another key. */
    LINK_FORGED(Kind.INVALID),
    /** Past its lifetime; the request can still be opened from the Approval pending tab. */
    LINK_EXPIRED(Kind.GONE),
    /** Spent already: a link opens its request once. */
    LINK_ALREADY_USED(Kind.GONE),
    /** Sent to another approver than the caller. */
    LINK_NOT_YOUR_LINK(Kind.FORBIDDEN);

    private final Kind kind;

    LinkRefusal(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
