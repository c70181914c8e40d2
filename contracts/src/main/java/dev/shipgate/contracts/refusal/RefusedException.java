package dev.shipgate.contracts.refusal;

/**
 * A {@link Refusal} thrown: carries it from wherever the no was said to the web layer, which answers it as
 * problem+json (web-support's {@code ProblemHandling}). Its message is the refusal's detail.
 */
public class RefusedException extends RuntimeException {

    private final transient Refusal refusal;

    public RefusedException(Refusal refusal) {
        super(refusal.detail());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
