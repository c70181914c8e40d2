package dev.shipgate.deploy.breakglass.adapter;

import dev.shipgate.contracts.access.Role;
import dev.shipgate.deploy.breakglass.application.BreakGlassOffer;
import dev.shipgate.deploy.breakglass.application.BreakGlassService;
import dev.shipgate.deploy.breakglass.domain.BreakGlassPolicy;
import dev.shipgate.deploy.deployment.domain.BreakGlass;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.support.security.CallerChannel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/**
 * Audited break-glass (issue 18): a pipeline's policy, the caller's offer, break-glass deploys and incident
 * rollbacks, and their reviews. The rules and refusals are {@code BreakGlassRules}' and {@link BreakGlassService}'.
 */
@RestController
@Validated
class BreakGlassController {

    private final BreakGlassService breakGlass;

    BreakGlassController(BreakGlassService breakGlass) {
        this.breakGlass = breakGlass;
    }

    /**
     * @param allowedRole  who may break the glass: BUILD_AND_DEPLOY, ADMIN, MANAGER or SUPER_ADMIN on the pipeline
     * @param reviewWithin ISO-8601 duration, PT1H to P7D: by when an approver must review each break-glass
     */
    public record PolicyBody(@NotNull Role allowedRole, @NotNull Duration reviewWithin) {
    }

    /**
     * @param justification why, 1 to 2000 characters (required)
     * @param incidentRef   the incident it answers, at most 200 characters (optional)
     */
    public record BreakGlassBody(@Size(max = 200) String imageDigest, @Size(max = 100) String deploymentId,
                                 String justification, String incidentRef) {
    }

    /** @param outcome ACKNOWLEDGED or FLAGGED; {@code comment} 1 to 2000 characters */
    public record ReviewBody(BreakGlass.Review outcome, String comment) {
    }

    /** The pipeline's break-glass policy; 204 when break-glass is off. */
    @GetMapping("/api/pipelines/{pipelineId}/break-glass/policy")
    public ResponseEntity<BreakGlassPolicy> policy(@AuthenticationPrincipal Jwt caller,
                                                   @PathVariable String pipelineId) {
        return breakGlass.policy(caller.getSubject(), pipelineId).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** Sets it (Admin or Manager on the pipeline): 403 NOT_ALLOWED_TO_CONFIGURE, 400 INVALID_BREAK_GLASS_POLICY. */
    @PutMapping("/api/pipelines/{pipelineId}/break-glass/policy")
    public BreakGlassPolicy setPolicy(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                                      @Valid @RequestBody PolicyBody body) {
        return breakGlass.setPolicy(caller.getSubject(), pipelineId, body.allowedRole(), body.reviewWithin());
    }

    /** Turns break-glass off on the pipeline: 204. */
    @DeleteMapping("/api/pipelines/{pipelineId}/break-glass/policy")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removePolicy(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId) {
        breakGlass.removePolicy(caller.getSubject(), pipelineId);
    }

    /** Whether the caller may break the glass here, and the release a rollback would go back to. */
    @GetMapping("/api/pipelines/{pipelineId}/break-glass")
    public BreakGlassOffer offer(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId) {
        return breakGlass.offer(caller.getSubject(), pipelineId);
    }

    /**
     * Deploys {@code imageDigest} without an approval, inside any window: 201 with the AUTHORIZED deployment and its
     * {@code breakGlass}. 409 BREAK_GLASS_NOT_ENABLED / 403 NOT_ALLOWED_TO_BREAK_GLASS say it needs an approval and
     * name the image ({@code imageDigest}, {@code tag}); 403 NOT_ALLOWED_TO_DEPLOY; 404 UNKNOWN_IMAGE; 400
     * INVALID_JUSTIFICATION (field).
     */
    @PostMapping("/api/pipelines/{pipelineId}/break-glass/deployments")
    @ResponseStatus(HttpStatus.CREATED)
    public Deployment deploy(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                             @Valid @RequestBody BreakGlassBody body) {
        return breakGlass.deploy(caller.getSubject(), CallerChannel.of(caller), pipelineId, body.imageDigest(),
                body.justification(), body.incidentRef());
    }

    /**
     * Rolls back, during an incident, to {@code deploymentId}'s image or (absent) the previous healthy release, as a
     * break-glass: 201; refusals as for a break-glass deploy, and 409 NO_RELEASE_TO_ROLL_BACK_TO.
     */
    @PostMapping("/api/pipelines/{pipelineId}/break-glass/rollbacks")
    @ResponseStatus(HttpStatus.CREATED)
    public Deployment rollback(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                               @Valid @RequestBody BreakGlassBody body) {
        return breakGlass.rollback(caller.getSubject(), CallerChannel.of(caller), pipelineId, body.deploymentId(),
                body.justification(), body.incidentRef());
    }

    /**
     * Open break-glass reviews on the pipelines the caller may review (Approve images), earliest due first; only the
     * overdue ones with {@code overdue=true}.
     */
    @GetMapping("/api/deployments/break-glass-reviews")
    public List<Deployment> openReviews(@AuthenticationPrincipal Jwt caller,
                                        @RequestParam(defaultValue = "false") boolean overdue) {
        return breakGlass.openReviews(caller.getSubject(), overdue);
    }

    /**
     * Closes a break-glass deployment's review: 200 with the deployment. 403 NOT_ALLOWED_TO_REVIEW (no Approve images
     * on the pipeline), 403 OWN_BREAK_GLASS_REVIEW, 400 INVALID_REVIEW (field), 409 NOT_A_BREAK_GLASS, 409
     * REVIEW_CLOSED, 404 UNKNOWN_DEPLOYMENT.
     */
    @PostMapping("/api/deployments/{deploymentId}/break-glass-review")
    public Deployment review(@AuthenticationPrincipal Jwt caller, @PathVariable String deploymentId,
                             @RequestBody ReviewBody body) {
        return breakGlass.review(caller.getSubject(), deploymentId, body.outcome(), body.comment());
    }
}
