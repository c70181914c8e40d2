package dev.shipgate.support.web;

import dev.shipgate.contracts.refusal.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;

/**
 * The one mapping of a domain {@link Refusal} to problem+json, for every service: its kind gives the HTTP status
 * (and so the title, the status's phrase), its reason code the {@code reason} member, its words the {@code detail}.
 * The {@code type} stays {@code about:blank}: clients tell refusals apart by {@code reason}. Its facts become
 * further members (e.g. {@code nextOpening}); they never replace {@code reason}. A refusal that names a field
 * ({@link Refusal#invalidField}) answers as every validation problem does: {@code errors} a list of
 * {@code {field, reason}} and {@code field}.
 */
public final class RefusalMapping {

    private RefusalMapping() {
    }

    public static ProblemDetail problemOf(Refusal refusal) {
        ProblemDetail problem = ProblemHandling.problem(statusOf(refusal.kind()), refusal.reason(), refusal.detail());
        refusal.facts().forEach((name, value) -> {
            if (!"reason".equals(name) && !Refusal.RETRY_AFTER.equals(name)) {
                problem.setProperty(name, value);
            }
        });
        String field = refusal.field();
        if (field == null) {
            return problem;
        }
        String words = refusal.detail().startsWith(field + " ")
                ? refusal.detail().substring(field.length() + 1) : refusal.detail();
        return ProblemHandling.withFields(problem, List.of(new ProblemHandling.InvalidField(field, words)));
    }

    /**
     * The whole answer: the problem with its status, as {@code application/problem+json}, and a {@code Retry-After}
     * header (seconds) when the refusal says when to ask again ({@link Refusal#RETRY_AFTER}).
     */
    public static ResponseEntity<ProblemDetail> responseOf(Refusal refusal) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(statusOf(refusal.kind()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String retryAfter = refusal.facts().get(Refusal.RETRY_AFTER);
        if (retryAfter != null) {
            answer.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return answer.body(problemOf(refusal));
    }

    public static HttpStatus statusOf(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case GONE -> HttpStatus.GONE;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
