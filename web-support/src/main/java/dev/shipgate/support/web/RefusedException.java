package dev.shipgate.support.web;

import org.springframework.http.HttpStatus;

/**
 * A request the service will not carry out, with a stable reason code (e.g. {@code REQUESTER_CANNOT_APPROVE}) and
 * words for people. Adapters turn domain refusals into this; it becomes a 4xx problem+json answer.
 */
public class RefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String reason;

    public RefusedException(HttpStatus status, String reason, String detail) {
        super(detail);
        this.status = status;
        this.reason = reason;
    }

    public HttpStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
