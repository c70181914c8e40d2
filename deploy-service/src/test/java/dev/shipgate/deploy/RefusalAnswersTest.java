package dev.shipgate.deploy;

import dev.shipgate.deploy.shared.domain.DeployRefusal;
import dev.shipgate.support.web.ProblemHandling;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every deploy-service refusal that reaches the web answers as it did before the refusals were typed and before
 * web-support's one mapping replaced deploy-service's own: the same status for each reason code, and the same problem
 * (type, title, detail, {@code reason}) that ProblemHandling built for it.
 */
class RefusalAnswersTest {

    /** The statuses deploy-service answered with for these codes before (PipelineRefusedException's kinds). */
    private static final Map<DeployRefusal, HttpStatus> ANSWERED_BEFORE = Map.ofEntries(
            Map.entry(DeployRefusal.NOT_ALLOWED_TO_CONFIGURE, HttpStatus.FORBIDDEN),
            Map.entry(DeployRefusal.NOT_ALLOWED_TO_DEPLOY, HttpStatus.FORBIDDEN),
            Map.entry(DeployRefusal.PIPELINE_CHANGED, HttpStatus.CONFLICT),
            Map.entry(DeployRefusal.UNKNOWN_PIPELINE, HttpStatus.NOT_FOUND),
            Map.entry(DeployRefusal.UNKNOWN_IMAGE, HttpStatus.NOT_FOUND),
            Map.entry(DeployRefusal.UNKNOWN_DEPLOYMENT, HttpStatus.NOT_FOUND),
            Map.entry(DeployRefusal.INVALID_WAIT, HttpStatus.BAD_REQUEST),
            Map.entry(DeployRefusal.UNKNOWN_WINDOW, HttpStatus.NOT_FOUND), // issue 18
            Map.entry(DeployRefusal.INVALID_SCHEDULE_TIME, HttpStatus.BAD_REQUEST), // issue 18, scheduled deploys
            Map.entry(DeployRefusal.UNKNOWN_SCHEDULE, HttpStatus.NOT_FOUND),
            Map.entry(DeployRefusal.NOT_ALLOWED_TO_CANCEL, HttpStatus.FORBIDDEN));
    /**
     * Issue 21's: the gate's reused key (422, the IETF Idempotency-Key draft's status), a report's bad status, and the
     * admission webhook's caller and body.
     */
    private static final Map<DeployRefusal, HttpStatus> ISSUE_21 = Map.of(
            DeployRefusal.IDEMPOTENCY_KEY_REUSED, HttpStatus.UNPROCESSABLE_CONTENT,
            DeployRefusal.STATUS_NOT_REPORTABLE, HttpStatus.BAD_REQUEST,
            DeployRefusal.NOT_AN_ADMISSION_CALLER, HttpStatus.FORBIDDEN,
            DeployRefusal.INVALID_ADMISSION_REVIEW, HttpStatus.BAD_REQUEST);
    /** Issue 18's break-glass: who may break it and review it, and what they must write. */
    private static final Map<DeployRefusal, HttpStatus> BREAK_GLASS = Map.of(
            DeployRefusal.NOT_ALLOWED_TO_BREAK_GLASS, HttpStatus.FORBIDDEN,
            DeployRefusal.INVALID_JUSTIFICATION, HttpStatus.BAD_REQUEST,
            DeployRefusal.INVALID_BREAK_GLASS_POLICY, HttpStatus.BAD_REQUEST,
            DeployRefusal.NOT_ALLOWED_TO_REVIEW, HttpStatus.FORBIDDEN,
            DeployRefusal.OWN_BREAK_GLASS_REVIEW, HttpStatus.FORBIDDEN,
            DeployRefusal.INVALID_REVIEW, HttpStatus.BAD_REQUEST);

    @Test
    void each_refusal_the_api_gives_keeps_its_status_reason_and_problem() {
        java.util.HashMap<DeployRefusal, HttpStatus> answers = new java.util.HashMap<>(ANSWERED_BEFORE);
        answers.putAll(ISSUE_21);
        answers.putAll(BREAK_GLASS);
        answers.forEach((reason, status) -> {
            ProblemDetail answered = answer(reason, "the facts");

            assertThat(answered).as(reason.name())
                    .isEqualTo(ProblemHandling.problem(status, reason.name(), "the facts"));
            assertThat(answered.getTitle()).isEqualTo(status.getReasonPhrase());
            assertThat(answered.getDetail()).isEqualTo("the facts");
            assertThat(answered.getProperties()).containsExactlyEntriesOf(Map.of("reason", reason.name()));
        });
    }

    @Test
    void the_deployment_rules_own_refusals_answer_as_conflicts_if_they_ever_reach_the_web() {
        Arrays.stream(DeployRefusal.values()).filter(reason -> !ANSWERED_BEFORE.containsKey(reason)
                && !ISSUE_21.containsKey(reason) && !BREAK_GLASS.containsKey(reason)).forEach(reason ->
                assertThat(answer(reason, "x").getStatus()).as(reason.name()).isEqualTo(HttpStatus.CONFLICT.value()));
    }

    /** What the web answers when a service throws this refusal: web-support's one handler for every refusal. */
    private static ProblemDetail answer(DeployRefusal reason, String detail) {
        return new ProblemHandling().refused(reason.because(detail).exception()).getBody();
    }
}
