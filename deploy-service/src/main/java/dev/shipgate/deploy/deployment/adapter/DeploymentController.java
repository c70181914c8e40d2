package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.application.PipelineRefusedException;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.support.security.CallerChannel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Triggering CD, rollback, and the deployment status, timeline and history. */
@RestController
@Validated
public class DeploymentController {

    private final DeploymentService deployments;
    private final Deployments store;
    private final PipelineService pipelines;
    private final DecisionAnswers answers;

    public DeploymentController(DeploymentService deployments, Deployments store, PipelineService pipelines,
                                DecisionAnswers answers) {
        this.deployments = deployments;
        this.store = store;
        this.pipelines = pipelines;
        this.answers = answers;
    }

    public record DeployBody(@NotBlank @Size(max = 200) String imageDigest) {
    }

    public record RollbackBody(@NotBlank @Size(max = 100) String deploymentId) {
    }

    /** Accepted, not done: the deployment is REQUESTED until approval-service decides; follow its status. */
    @PostMapping(path = "/api/pipelines/{pipelineId}/deployments", params = "!wait")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Deployment deploy(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                             @Valid @RequestBody DeployBody body) {
        return deployments.request(caller.getSubject(), CallerChannel.of(caller), pipelineId,
                body.imageDigest());
    }

    /**
     * Deploys and answers with approval-service's decision, waiting for it up to {@code wait} (an ISO-8601 duration
     * such as {@code PT10S}, capped at the configured limit): see {@link DecisionAnswers}. No request thread is held
     * while waiting.
     */
    @PostMapping(path = "/api/pipelines/{pipelineId}/deployments", params = "wait")
    public CompletableFuture<ResponseEntity<Object>> deployAndWait(@AuthenticationPrincipal Jwt caller,
                                                                   @PathVariable String pipelineId,
                                                                   @RequestParam String wait,
                                                                   @Valid @RequestBody DeployBody body) {
        Duration waitFor = answers.waitFor(wait);
        Deployment requested = deployments.request(caller.getSubject(), CallerChannel.of(caller), pipelineId,
                body.imageDigest());
        return answers.answer(requested, waitFor);
    }

    @PostMapping(path = "/api/pipelines/{pipelineId}/rollbacks", params = "!wait")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Deployment rollback(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                               @Valid @RequestBody RollbackBody body) {
        return deployments.rollback(caller.getSubject(), CallerChannel.of(caller), pipelineId,
                body.deploymentId());
    }

    /** A rollback that answers with the decision, as {@link #deployAndWait} does. */
    @PostMapping(path = "/api/pipelines/{pipelineId}/rollbacks", params = "wait")
    public CompletableFuture<ResponseEntity<Object>> rollbackAndWait(@AuthenticationPrincipal Jwt caller,
                                                                     @PathVariable String pipelineId,
                                                                     @RequestParam String wait,
                                                                     @Valid @RequestBody RollbackBody body) {
        Duration waitFor = answers.waitFor(wait);
        Deployment requested = deployments.rollback(caller.getSubject(), CallerChannel.of(caller), pipelineId,
                body.deploymentId());
        return answers.answer(requested, waitFor);
    }

    @GetMapping("/api/pipelines/{pipelineId}/deployments")
    public List<Deployment> history(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        pipelines.visible(caller.getSubject(), pipelineId);
        return store.forPipeline(pipelineId, page, size);
    }

    /** "Active on <env>": the deployment running now, if any. */
    @GetMapping("/api/pipelines/{pipelineId}/active")
    public ResponseEntity<Deployment> active(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId) {
        pipelines.visible(caller.getSubject(), pipelineId);
        return store.inPipelineWithStatus(pipelineId, List.of(DeploymentStatus.HEALTHY)).stream()
                .max(java.util.Comparator.comparing(Deployment::requestedAt))
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @GetMapping("/api/deployments/{id}")
    public Deployment get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        Deployment deployment = store.find(id).orElseThrow(() -> unknown(id));
        try {
            pipelines.visible(caller.getSubject(), deployment.image().pipelineId());
        } catch (PipelineRefusedException e) {
            throw unknown(id);
        }
        return deployment;
    }

    private static PipelineRefusedException unknown(String id) {
        return new PipelineRefusedException(PipelineRefusedException.Kind.NOT_FOUND, "UNKNOWN_DEPLOYMENT",
                "no deployment " + id);
    }
}
