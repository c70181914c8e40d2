package dev.shipgate.approval.deputy.domain;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.contracts.refusal.Refusal.Kind;
import dev.shipgate.contracts.refusal.RefusalCode;

/**
 * The codes of refusals to name a deputy, each with its kind; the problem+json answer names the {@code field} that
 * is wrong when one is.
 */
public enum DeputyRefusal implements RefusalCode {
    /** Only the approver themself, or a super admin, names the approver's deputy. */
    NOT_YOUR_DEPUTY(Kind.FORBIDDEN),
    SELF_DEPUTY(Kind.INVALID),
    UNKNOWN_DEPUTY(Kind.INVALID),
    DEPUTY_IS_SERVICE_ACCOUNT(Kind.INVALID),
    PERIOD_INVALID(Kind.INVALID),
    PERIOD_OVER(Kind.INVALID),
    PERIOD_TOO_LONG(Kind.INVALID),
    NO_DEPUTY(Kind.NOT_FOUND);

    private final Kind kind;

    DeputyRefusal(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** The refusal naming the request body's {@code field} at fault. */
    public Refusal because(String detail, String field) {
        return because(detail).with("field", field);
    }
}
