package dev.shipgate.support.web;

import dev.shipgate.contracts.refusal.Refusal;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalMappingTest {

    @Test
    void eachKindAnswersWithItsStatusAndTheStatusPhraseAsTitle() {
        Map<Refusal.Kind, Integer> expected = Map.of(Refusal.Kind.INVALID, 400, Refusal.Kind.UNAUTHENTICATED, 401,
                Refusal.Kind.FORBIDDEN, 403, Refusal.Kind.NOT_FOUND, 404, Refusal.Kind.CONFLICT, 409,
                Refusal.Kind.GONE, 410, Refusal.Kind.UNPROCESSABLE, 422, Refusal.Kind.UNAVAILABLE, 503);
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
}
