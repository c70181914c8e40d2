package dev.shipgate.deploy.pipeline.application;

/** A refused command of deploy-service, with a stable reason code. */
public class PipelineRefusedException extends RuntimeException {

    public enum Kind { FORBIDDEN, CONFLICT, NOT_FOUND, INVALID }

    private final Kind kind;
    private final String reason;

    public PipelineRefusedException(Kind kind, String reason, String message) {
        super(message);
        this.kind = kind;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }
}
