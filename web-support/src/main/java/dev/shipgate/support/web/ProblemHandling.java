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

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every refusal and every bad input is answered as {@code application/problem+json} with a {@code reason} code and
 * a {@code detail} in words; Spring MVC's own errors (unreadable JSON, wrong method, ...) are too. A bad input also
 * names its fields: {@code errors}, a list of {@code {field, reason}} (the field as a JSON path such as
 * {@code approverRules[0].group}, the reason in words), and {@code field}, the first of them.
 */
@AutoConfiguration
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    /** Every service's refusals, whichever layer threw them: {@link RefusalMapping} maps them. */
    @ExceptionHandler(RefusedException.class)
    public org.springframework.http.ResponseEntity<ProblemDetail> refused(RefusedException e) {
        return RefusalMapping.responseOf(e.refusal());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail invalid(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", e.getMessage());
    }

    /** A path variable or query parameter outside its constraints (a class-level {@code @Validated} check). */
    @ExceptionHandler(ConstraintViolationException.class)
    public ProblemDetail constraintViolated(ConstraintViolationException e) {
        return invalidFields(e.getConstraintViolations().stream()
                .map(v -> new InvalidField(lastNode(v.getPropertyPath().toString()), v.getMessage())).toList());
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
        String detail = "'" + e.getName() + "' has the wrong type";
        return withFields(problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", detail),
                List.of(new InvalidField(e.getName(), "has the wrong type")));
    }

    @Override
    protected org.springframework.http.ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest r) {
        return org.springframework.http.ResponseEntity.badRequest().body(invalidFields(e.getBindingResult()
                .getFieldErrors().stream().map(error -> new InvalidField(error.getField(),
                        error.isBindingFailure() ? "has the wrong type" : error.getDefaultMessage()))
                .toList()));
    }

    @Override
    protected org.springframework.http.ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest r) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "UNREADABLE_REQUEST",
                "the request body is not valid JSON of the expected shape");
        String field = jsonPath(e);
        return org.springframework.http.ResponseEntity.badRequest().body(field.isEmpty() ? problem
                : withFields(problem, List.of(new InvalidField(field, "is missing or has the wrong type"))));
    }

    /** One field a request got wrong, as the problem's {@code errors} list names it. */
    public record InvalidField(String field, String reason) {
    }

    private static ProblemDetail invalidFields(List<InvalidField> errors) {
        List<InvalidField> sorted = errors.stream()
                .sorted(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::reason)).toList();
        String detail = sorted.stream().map(error -> error.field() + " " + error.reason())
                .collect(Collectors.joining("; "));
        return withFields(problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", detail), sorted);
    }

    static ProblemDetail withFields(ProblemDetail problem, List<InvalidField> errors) {
        problem.setProperty("errors", errors);
        if (!errors.isEmpty()) {
            problem.setProperty("field", errors.get(0).field());
        }
        return problem;
    }

    /** The JSON path of the value Jackson could not bind ({@code a.b[2].c}), or "" when it names none. */
    private static String jsonPath(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException unbound) {
                return dotted(unbound.getPath());
            }
        }
        return "";
    }

    private static String dotted(List<JacksonException.Reference> steps) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference step : steps) {
            if (step.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    public static ProblemDetail problem(HttpStatus status, String reason, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("reason", reason);
        return problem;
    }
}
