package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.support.security.CallerChannel;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The gate API for CD tools (issue 21): one call from a pipeline step or a sync hook, "may digest D go to pipeline P
 * now?". It is a deploy request ({@code POST /api/pipelines/{id}/deployments}) answered for a script: the same
 * checks, refusals and {@code wait}, made at most once per {@code Idempotency-Key}.
 */
@RestController
@Validated
class GateController {

    /** The IETF Idempotency-Key draft's header: a string (quoted as a structured field, or bare), 1 to 255 chars. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final DeploymentService deployments;
    private final DecisionAnswers answers;

    GateController(DeploymentService deployments, DecisionAnswers answers) {
        this.deployments = deployments;
        this.answers = answers;
    }

    public record GateBody(@NotBlank @Size(max = 200) String imageDigest) {
    }

    /**
     * The gate's answer when the image may go (or is not decided yet).
     *
     * @param allowed      true once approval-service authorized the deployment (the approval is consumed)
     * @param deploymentId the deployment this call made (or, for a repeated key, made before)
     * @param status       the deployment's status now: REQUESTED (undecided), AUTHORIZED, or further on
     * @param links        {@code deployment}: its API ({@code GET}); {@code status}: where the tool reports
     *                     ({@code POST}); {@code details}: the UI's App Details of it
     */
    public record GateAnswer(boolean allowed, String deploymentId, String pipelineId, String imageDigest,
                             String imageTag, String status, Map<String, String> links) {

        static GateAnswer of(Deployment deployment) {
            String api = "/api/deployments/" + deployment.id();
            return new GateAnswer(deployment.status() != DeploymentStatus.REQUESTED, deployment.id(),
                    deployment.image().pipelineId(), deployment.image().digest(), deployment.image().tag(),
                    deployment.status().name(), Map.of("deployment", api, "status", api + "/status",
                    "details", "/#/pipelines/" + URLEncoder.encode(deployment.image().pipelineId(),
                            StandardCharsets.UTF_8) + "/details/" + deployment.id()));
        }
    }

    /**
     * Asks whether {@code imageDigest} may go to the pipeline now, waiting up to {@code wait} (ISO-8601 duration, cut
     * to {@code shipgate.deploy.max-wait}; none: answer at once) for approval-service's decision. Answers:
     * 201 {@link GateAnswer} allowed (AUTHORIZED: the approval is consumed, the deployment exists); 202 not decided
     * within the wait (call again with the same key to go on waiting for the same deployment); 403 / 409 problem+json
     * with approval-service's {@code reason} ({@code NO_APPROVAL}, {@code PARTIALLY_APPROVED},
     * {@code APPROVAL_ALREADY_USED}, {@code APPROVER_CANNOT_DEPLOY}...) and {@code deploymentId}; refused before
     * anything is recorded: 403 {@code NOT_ALLOWED_TO_DEPLOY}, 404 {@code UNKNOWN_PIPELINE} / {@code UNKNOWN_IMAGE},
     * 409 {@code DEPLOY_WINDOW_CLOSED}; 400 {@code INVALID_WAIT}; 422 {@code IDEMPOTENCY_KEY_REUSED}. With an
     * {@code Idempotency-Key}, a call repeated by the same caller answers the first call's deployment as it is now
     * and consumes no second approval.
     */
    @ApiResponse(responseCode = "201", description = "Allowed: authorized, the approval consumed",
            content = @Content(schema = @Schema(implementation = GateAnswer.class)))
    @ApiResponse(responseCode = "202", description = "Not decided within the wait",
            content = @Content(schema = @Schema(implementation = GateAnswer.class)))
    @PostMapping("/api/pipelines/{pipelineId}/gate")
    public CompletableFuture<ResponseEntity<Object>> gate(@AuthenticationPrincipal Jwt caller,
                                                          @PathVariable String pipelineId,
                                                          @RequestParam(required = false) String wait,
                                                          @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                                                          @Size(min = 1, max = 257)
                                                          @Pattern(regexp = "\"?[\\x21-\\x7E]([\\x20-\\x7E]*"
                                                                  + "[\\x21-\\x7E])?\"?") String idempotencyKey,
                                                          @Valid @RequestBody GateBody body) {
        Duration waitFor = wait == null ? Duration.ZERO : answers.waitFor(wait);
        Deployment requested = deployments.requestOnce(caller.getSubject(), CallerChannel.of(caller), pipelineId,
                body.imageDigest(), unquoted(idempotencyKey));
        CompletableFuture<ResponseEntity<Object>> answer = waitFor.isZero()
                ? CompletableFuture.completedFuture(DecisionAnswers.answerFor(requested))
                : answers.answer(requested, waitFor);
        return answer.thenApply(GateController::forScripts);
    }

    /** A structured-field string arrives quoted ({@code "abc"}); a bare one is taken as it is. */
    private static String unquoted(String key) {
        return key != null && key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")
                ? key.substring(1, key.length() - 1) : key;
    }

    private static ResponseEntity<Object> forScripts(ResponseEntity<Object> answer) {
        return answer.getBody() instanceof Deployment deployment
                ? ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .body(GateAnswer.of(deployment))
                : answer;
    }
}
