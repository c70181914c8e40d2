package dev.shipgate.support.web;

import dev.shipgate.contracts.refusal.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one mapping of a domain {@link Refusal} to problem+json, for every service: its kind gives the HTTP status
 * (and so the title, the status's phrase), its reason code the {@code reason} member, its words the {@code detail}.
 * The {@code type} stays {@code about:blank}: clients tell refusals apart by {@code reason}. Its facts become
 * further members (e.g. {@code nextOpening}); they never replace {@code reason}.
 */
public final class RefusalMapping {

    private RefusalMapping() {
    }

    public static ProblemDetail problemOf(Refusal refusal) {
        ProblemDetail problem = ProblemHandling.problem(statusOf(refusal.kind()), refusal.reason(), refusal.detail());
        refusal.facts().forEach((name, value) -> {
            if (!"reason".equals(name)) {
                problem.setProperty(name, value);
            }
        });
        return problem;
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
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
