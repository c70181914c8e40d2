package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.DeploymentQueries;
import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.deploy.deployment.domain.ActiveDeployment;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.support.security.CallerChannel;
import dev.shipgate.support.web.PageQuery;
import dev.shipgate.support.web.PagedAnswer;
import dev.shipgate.support.web.PagedResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Triggering CD, rollback, and the deployment status, timeline and history. */
@RestController
@Validated
class DeploymentController {

    private final DeploymentService deployments;
    private final DeploymentQueries queries;
    private final DecisionAnswers answers;

    DeploymentController(DeploymentService deployments, DeploymentQueries queries, DecisionAnswers answers) {
        this.deployments = deployments;
        this.queries = queries;
        this.answers = answers;
    }

    public record DeployBody(@NotBlank @Size(max = 200) String imageDigest) {
    }

    public record RollbackBody(@NotBlank @Size(max = 100) String deploymentId) {
    }

    /**
     * Triggers a deployment. Without {@code wait}: 202, the deployment REQUESTED until approval-service decides (follow
     * its status). With {@code wait} (an ISO-8601 duration such as {@code PT10S}, capped at the configured limit): the
     * decision itself, as {@link DecisionAnswers} gives it, or 202 when the wait runs out. One operation with an
     * optional parameter (two handlers made the published API say {@code wait} was required); no request thread is
     * held while waiting.
     */
    @ApiResponse(responseCode = "202", description = "Requested: no decision yet (or none within the wait)",
            content = @Content(schema = @Schema(implementation = Deployment.class)))
    @ApiResponse(responseCode = "201", description = "Authorized within the wait",
            content = @Content(schema = @Schema(implementation = Deployment.class)))
    @PostMapping("/api/pipelines/{pipelineId}/deployments")
    public CompletableFuture<ResponseEntity<Object>> deploy(@AuthenticationPrincipal Jwt caller,
                                                            @PathVariable String pipelineId,
                                                            @RequestParam(required = false) String wait,
                                                            @Valid @RequestBody DeployBody body) {
        Duration waitFor = wait == null ? null : answers.waitFor(wait);
        Deployment requested = deployments.request(caller.getSubject(), CallerChannel.of(caller), pipelineId,
                body.imageDigest());
        return answer(requested, waitFor);
    }

    /** Deploys the image of an earlier deployment; {@code wait} as for {@link #deploy}. */
    @ApiResponse(responseCode = "202", description = "Requested: no decision yet (or none within the wait)",
            content = @Content(schema = @Schema(implementation = Deployment.class)))
    @ApiResponse(responseCode = "201", description = "Authorized within the wait",
            content = @Content(schema = @Schema(implementation = Deployment.class)))
    @PostMapping("/api/pipelines/{pipelineId}/rollbacks")
    public CompletableFuture<ResponseEntity<Object>> rollback(@AuthenticationPrincipal Jwt caller,
                                                              @PathVariable String pipelineId,
                                                              @RequestParam(required = false) String wait,
                                                              @Valid @RequestBody RollbackBody body) {
        Duration waitFor = wait == null ? null : answers.waitFor(wait);
        Deployment requested = deployments.rollback(caller.getSubject(), CallerChannel.of(caller), pipelineId,
                body.deploymentId());
        return answer(requested, waitFor);
    }

    private CompletableFuture<ResponseEntity<Object>> answer(Deployment requested, Duration waitFor) {
        return waitFor == null ? CompletableFuture.completedFuture(ResponseEntity.accepted().body(requested))
                : answers.answer(requested, waitFor);
    }

    /**
     * A pipeline's deployments, newest first; {@code q} finds part of the image's tag (any case) or digest. Pages:
     * {@link PagedAnswer} ({@code cursor}/{@code size}, {@code Link} rel="next", {@code X-Total-Count}).
     */
    @GetMapping("/api/pipelines/{pipelineId}/deployments")
    @PagedResponse
    public ResponseEntity<List<Deployment>> history(@AuthenticationPrincipal Jwt caller,
                                                    @PathVariable String pipelineId,
                                                    @Valid @ParameterObject PageQuery paging) {
        return PagedAnswer.of(queries.history(caller.getSubject(), pipelineId, paging.text(),
                paging.at()));
    }

    /** "Active on <env>": the deployment running now ({@link ActiveDeployment}); 204 when none runs. */
    @GetMapping("/api/pipelines/{pipelineId}/active")
    public ResponseEntity<Deployment> active(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId) {
        return queries.active(caller.getSubject(), pipelineId).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** One deployment, to whoever may see its pipeline (404 {@code UNKNOWN_DEPLOYMENT} otherwise). */
    @GetMapping("/api/deployments/{id}")
    public Deployment get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return queries.deployment(caller.getSubject(), id);
    }
}
