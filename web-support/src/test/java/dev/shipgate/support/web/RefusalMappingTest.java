package dev.shipgate.support.web;

import dev.shipgate.contracts.refusal.Refusal;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalMappingTest {

    @Test
    void eachKindAnswersWithItsStatusAndTheStatusPhraseAsTitle() {
        Map<Refusal.Kind, Integer> expected = Map.of(Refusal.Kind.INVALID, 400, Refusal.Kind.UNAUTHENTICATED, 401,
                Refusal.Kind.FORBIDDEN, 403, Refusal.Kind.NOT_FOUND, 404, Refusal.Kind.CONFLICT, 409,
                Refusal.Kind.GONE, 410, Refusal.Kind.UNPROCESSABLE, 422, Refusal.Kind.TOO_MANY_REQUESTS, 429,
                Refusal.Kind.UNAVAILABLE, 503);
        assertThat(expected).hasSameSizeAs(Refusal.Kind.values());
        expected.forEach((kind, status) -> {
            ProblemDetail problem = RefusalMapping.problemOf(new Refusal(kind, "SOME_REASON", "words"));
            assertThat(problem.getStatus()).isEqualTo(status);
            assertThat(problem.getTitle()).isEqualTo(org.springframework.http.HttpStatus.valueOf(status)
                    .getReasonPhrase());
            // the same body as before issue 22, when each service built it with ProblemHandling.problem
            assertThat(problem).isEqualTo(ProblemHandling.problem(org.springframework.http.HttpStatus.valueOf(status),
                    "SOME_REASON", "words"));
            assertThat(problem.getDetail()).isEqualTo("words");
            assertThat(problem.getProperties()).containsEntry("reason", "SOME_REASON");
        });
    }

    @Test
    void aRefusalsFactsBecomeMembersOfTheProblemButNeverItsReason() {
        Refusal refusal = Refusal.conflict("DEPLOY_WINDOW_CLOSED", "frozen")
                .with("nextOpening", "2026-03-30T00:00:00Z").with("reason", "SOMETHING_ELSE");
        ProblemDetail problem = RefusalMapping.problemOf(refusal);
        assertThat(problem.getProperties()).containsEntry("nextOpening", "2026-03-30T00:00:00Z")
                .containsEntry("reason", "DEPLOY_WINDOW_CLOSED");
    }

    /** The window's fields (deploy-service) answer as Bean Validation's do: INVALID_REQUEST, errors, field. */
    @Test
    void aRefusalNamingAFieldAnswersAsEveryValidationProblem() {
        ProblemDetail problem = RefusalMapping.problemOf(Refusal.invalidField("timeZone", "must be an IANA id"));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).isEqualTo("timeZone must be an IANA id");
        assertThat(problem.getProperties()).containsEntry("reason", "INVALID_REQUEST")
                .containsEntry("field", "timeZone")
                .containsEntry("errors", List.of(new ProblemHandling.InvalidField("timeZone", "must be an IANA id")));
    }

    /** The gateway's locked sign-in: 429 with Retry-After in seconds, as a header and not a member. */
    @Test
    void aRefusalSayingWhenToAskAgainCarriesRetryAfter() {
        ResponseEntity<ProblemDetail> answer = RefusalMapping.responseOf(
                Refusal.tooManyRequests("SIGN_IN_TEMPORARILY_LOCKED", "wait", 7)
                        .with("retryAt", "2026-03-30T00:00:07Z"));

        assertThat(answer.getStatusCode().value()).isEqualTo(429);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().getProperties()).containsEntry("retryAt", "2026-03-30T00:00:07Z")
                .doesNotContainKey(Refusal.RETRY_AFTER);
        assertThat(RefusalMapping.responseOf(Refusal.conflict("X", "y")).getHeaders()
                .containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    }
}
