package dev.shipgate.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.stream.Collectors;

/**
 * Every refusal and every bad input is answered as {@code application/problem+json} with a {@code reason} code and
 * a {@code detail} in words; Spring MVC's own errors (unreadable JSON, wrong method, ...) are too.
 */
@AutoConfiguration
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    @ExceptionHandler(RefusedException.class)
    public ProblemDetail refused(RefusedException e) {
        return problem(e.status(), e.reason(), e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail invalid(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail wrongType(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "'" + e.getName() + "' has the wrong type");
    }

    @Override
    protected org.springframework.http.ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest r) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted().collect(Collectors.joining("; "));
        return org.springframework.http.ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", detail));
    }

    @Override
    protected org.springframework.http.ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest r) {
        return org.springframework.http.ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                "UNREADABLE_REQUEST", "the request body is not valid JSON of the expected shape"));
    }

    public static ProblemDetail problem(HttpStatus status, String reason, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("reason", reason);
        return problem;
    }
}
