package dev.shipgate.deploy.schedule.adapter;

import dev.shipgate.deploy.schedule.application.ScheduleService;
import dev.shipgate.deploy.schedule.domain.ScheduledDeploy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Approve now, deploy later (issue 18): a pipeline's scheduled deployments. */
@RestController
@Validated
class ScheduleController {

    private final ScheduleService schedules;

    ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    /**
     * @param imageDigest the approved image to deploy
     * @param runAt       when to start it (ISO-8601 instant); absent: at the next opening of the pipeline's windows
     */
    public record ScheduleBody(@NotBlank @Size(max = 200) String imageDigest, Instant runAt) {
    }

    /**
     * Schedules an image's deployment: 201 with the PENDING schedule. At {@code runAt} one instance requests the
     * deployment on the caller's behalf, which approval-service decides on as on any deploy. Refusals: 403
     * NOT_ALLOWED_TO_DEPLOY, 404 UNKNOWN_IMAGE, 400 INVALID_SCHEDULE_TIME (past, or over a year ahead), 409
     * DEPLOY_WINDOW_CLOSED (a window holds the pipeline at {@code runAt}, with {@code nextOpening}), 409
     * NO_OPENING_TO_WAIT_FOR (no {@code runAt} and no window holds the pipeline now).
     */
    @PostMapping("/api/pipelines/{pipelineId}/schedules")
    @ResponseStatus(HttpStatus.CREATED)
    public ScheduledDeploy schedule(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                                    @Valid @RequestBody ScheduleBody body) {
        return schedules.schedule(caller.getSubject(), pipelineId, body.imageDigest(), body.runAt());
    }

    /** The pipeline's schedules (pending, started and voided), latest {@code runAt} first, at most 100. */
    @GetMapping("/api/pipelines/{pipelineId}/schedules")
    public List<ScheduledDeploy> list(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId) {
        return schedules.ofPipeline(caller.getSubject(), pipelineId);
    }

    @GetMapping("/api/pipelines/{pipelineId}/schedules/{scheduleId}")
    public ScheduledDeploy get(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                               @PathVariable String scheduleId) {
        return schedules.visible(caller.getSubject(), pipelineId, scheduleId);
    }

    /**
     * Cancels a pending schedule: 200 with it VOIDED (CANCELLED). 403 NOT_ALLOWED_TO_CANCEL unless the caller
     * scheduled it or administers the pipeline; 409 SCHEDULE_NOT_PENDING once it started or was voided.
     */
    @DeleteMapping("/api/pipelines/{pipelineId}/schedules/{scheduleId}")
    public ScheduledDeploy cancel(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                                  @PathVariable String scheduleId) {
        return schedules.cancel(caller.getSubject(), pipelineId, scheduleId);
    }
}
