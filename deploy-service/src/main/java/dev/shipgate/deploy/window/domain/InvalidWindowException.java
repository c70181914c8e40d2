package dev.shipgate.deploy.window.domain;

/** A window's field that cannot be used, e.g. a recurrence rule that is not RFC 5545 or an unknown time zone. */
public class InvalidWindowException extends IllegalArgumentException {

    private final String field;

    public InvalidWindowException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
    }

    /** The request body's field at fault, e.g. {@code recurrence}. */
    public String field() {
        return field;
    }
}
