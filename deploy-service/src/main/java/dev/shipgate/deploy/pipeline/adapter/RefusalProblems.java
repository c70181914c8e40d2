package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.deploy.shared.application.RefusalException;
import dev.shipgate.deploy.shared.domain.Refusal;
import dev.shipgate.support.web.ProblemHandling;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refusal of any deploy-service feature becomes a problem+json answer: the status from the refusal's kind, its
 * reason code as {@code reason}, its words as {@code detail}. (To give way to web-support's one mapping, issue 22.)
 */
@RestControllerAdvice
class RefusalProblems {

    @ExceptionHandler(RefusalException.class)
    public ProblemDetail refused(RefusalException e) {
        Refusal refusal = e.refusal();
        HttpStatus status = switch (refusal.reason().kind()) {
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return ProblemHandling.problem(status, refusal.reason().name(), refusal.detail());
    }
}
