package dev.shipgate.deploy.window.domain;

/** A window's field that cannot be used, e.g. a recurrence rule that is not RFC 5545 or an unknown time zone. */
public class InvalidWindowException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidWindowException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** What is wrong with it, in words, without the field's name. */
    public String reason() {
        return reason;
    }

    /** The request body's field at fault, e.g. {@code recurrence}. */
    public String field() {
        return field;
    }
}
