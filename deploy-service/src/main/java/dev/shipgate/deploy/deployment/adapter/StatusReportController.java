package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.StatusReports;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.support.security.CallerChannel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Where the tool rolling out a deployment on an {@code external} target reports its progress and outcome. */
@RestController
@Validated
class StatusReportController {

    private final StatusReports reports;

    StatusReportController(StatusReports reports) {
        this.reports = reports;
    }

    /**
     * @param status  PROGRESSING, HEALTHY, DEGRADED or FAILED
     * @param message the tool's words for the timeline, 1 to 500 characters
     * @param link    where the tool shows the rollout: an absolute http or https URL of at most 2000 characters
     */
    public record StatusBody(@NotNull @Pattern(regexp = "PROGRESSING|HEALTHY|DEGRADED|FAILED") String status,
                             @NotBlank @Size(max = 500) String message,
                             @Size(max = 2000) @Pattern(regexp = "https?://[\\x21-\\x7E]+") String link) {
    }

    /**
     * Reports a step of the rollout (issue 21): it lands on the deployment's timeline, with who reported it and
     * through what, and goes out as DeploymentStatusChanged. 200 with the deployment after the step (the same report
     * again: the deployment unchanged). Refused as problem+json: 400 for a bad body (the field named); 404
     * {@code UNKNOWN_DEPLOYMENT} (also when the caller may not see it); 403 {@code NOT_ALLOWED_TO_DEPLOY} (needs Build
     * and Deploy on the pipeline, as for deploying); 409 {@code NOT_AN_EXTERNAL_TARGET}, {@code DEPLOYMENT_FINISHED}
     * (a report after HEALTHY, DEGRADED, FAILED, TIMED_OUT...), {@code DEPLOYMENT_NOT_AUTHORIZED} (not authorized yet,
     * or PROGRESSING twice), {@code DEPLOYMENT_NOT_PROGRESSING}.
     */
    @PostMapping("/api/deployments/{id}/status")
    public Deployment report(@AuthenticationPrincipal Jwt caller, @PathVariable String id,
                             @Valid @RequestBody StatusBody body) {
        return reports.report(caller.getSubject(), CallerChannel.of(caller), id,
                DeploymentStatus.valueOf(body.status()), body.message(), body.link());
    }
}
