package dev.shipgate.deploy.shared.application;

import dev.shipgate.deploy.shared.domain.Refusal;

/** Carries a {@link Refusal} out of an application service to the adapter that called it (web: problem+json). */
public class RefusalException extends RuntimeException {

    private final transient Refusal refusal;

    public RefusalException(Refusal refusal) {
        super(refusal.detail());
        this.refusal = refusal;
    }

    public RefusalException(Refusal.Reason reason, String detail) {
        this(Refusal.of(reason, detail));
    }

    public Refusal refusal() {
        return refusal;
    }
}
