package dev.shipgate.support.web;

import dev.shipgate.contracts.refusal.RefusedException;
import jakarta.validation.ConstraintViolationException;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

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

    /** Every service's refusals, whichever layer threw them: {@link RefusalMapping} maps them. */
    @ExceptionHandler(RefusedException.class)
    public ProblemDetail refused(RefusedException e) {
        return RefusalMapping.problemOf(e.refusal());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail invalid(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", e.getMessage());
    }

    /** A path variable or query parameter outside its constraints (a class-level {@code @Validated} check). */
    @ExceptionHandler(ConstraintViolationException.class)
    public ProblemDetail constraintViolated(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", detail);
    }

    /** Tomcat's own error answers as problems too, for requests refused before any servlet runs. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
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
