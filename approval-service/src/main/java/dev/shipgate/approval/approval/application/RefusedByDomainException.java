package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.approval.domain.Refusal;

/** Carries a domain refusal out of the application layer to whichever adapter called it. */
public class RefusedByDomainException extends RuntimeException {

    private final Refusal refusal;

    public RefusedByDomainException(Refusal refusal) {
        super(refusal.message());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
