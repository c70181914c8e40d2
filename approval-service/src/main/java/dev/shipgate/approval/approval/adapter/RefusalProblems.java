package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.application.RefusedByDomainException;
import dev.shipgate.support.web.ProblemHandling;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A domain refusal becomes a problem+json answer whose {@code reason} is the refusal's code. */
@RestControllerAdvice
public class RefusalProblems {

    @ExceptionHandler(RefusedByDomainException.class)
    public ProblemDetail refused(RefusedByDomainException e) {
        HttpStatus status = switch (e.refusal().reason().kind()) {
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return ProblemHandling.problem(status, e.refusal().reason().name(), e.getMessage());
    }
}
