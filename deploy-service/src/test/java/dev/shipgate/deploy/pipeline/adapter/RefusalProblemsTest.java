package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.deploy.shared.application.RefusalException;
import dev.shipgate.deploy.shared.domain.Refusal.Reason;
import dev.shipgate.support.web.ProblemHandling;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal that reaches the web answers as it did before the refusals were typed: the same status for each
 * reason code, and the same problem (type, title, detail, {@code reason}) ProblemHandling builds for it.
 */
class RefusalProblemsTest {

    /** The statuses deploy-service answered with for these codes before (PipelineRefusedException's kinds). */
    private static final Map<Reason, HttpStatus> ANSWERED_BEFORE = Map.of(
            Reason.NOT_ALLOWED_TO_CONFIGURE, HttpStatus.FORBIDDEN,
            Reason.NOT_ALLOWED_TO_DEPLOY, HttpStatus.FORBIDDEN,
            Reason.PIPELINE_CHANGED, HttpStatus.CONFLICT,
            Reason.UNKNOWN_PIPELINE, HttpStatus.NOT_FOUND,
            Reason.UNKNOWN_IMAGE, HttpStatus.NOT_FOUND,
            Reason.UNKNOWN_DEPLOYMENT, HttpStatus.NOT_FOUND,
            Reason.INVALID_WAIT, HttpStatus.BAD_REQUEST);

    @Test
    void each_refusal_the_api_gives_keeps_its_status_reason_and_problem() {
        ANSWERED_BEFORE.forEach((reason, status) -> {
            ProblemDetail answered = new RefusalProblems().refused(new RefusalException(reason, "the facts"));

            assertThat(answered).as(reason.name())
                    .isEqualTo(ProblemHandling.problem(status, reason.name(), "the facts"));
            assertThat(answered.getTitle()).isEqualTo(status.getReasonPhrase());
            assertThat(answered.getProperties()).containsEntry("reason", reason.name());
        });
    }

    @Test
    void the_deployment_rules_own_refusals_answer_as_conflicts_if_they_ever_reach_the_web() {
        Arrays.stream(Reason.values()).filter(reason -> !ANSWERED_BEFORE.containsKey(reason)).forEach(reason ->
                assertThat(new RefusalProblems().refused(new RefusalException(reason, "x")).getStatus())
                        .as(reason.name()).isEqualTo(HttpStatus.CONFLICT.value()));
    }
}
