package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.deploy.pipeline.application.PipelineRefusedException;
import dev.shipgate.support.web.ProblemHandling;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
public class RefusalProblems {

    @ExceptionHandler(PipelineRefusedException.class)
    public ProblemDetail refused(PipelineRefusedException e) {
        HttpStatus status = switch (e.kind()) {
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return ProblemHandling.problem(status, e.reason(), e.getMessage());
    }
}
