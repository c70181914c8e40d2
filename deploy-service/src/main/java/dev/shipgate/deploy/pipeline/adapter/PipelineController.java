package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.contracts.events.ApproverRule;
import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.domain.ApprovalSettings;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * CD pipelines: read by whoever may view the application, changed by its admins and managers.
 * <p>
 * A pipeline's {@code reminders} is its reminder and escalation plan (issue 19): {@code remindAfter},
 * {@code remindEvery}, {@code escalateAfter} are ISO-8601 durations from PT1M to P30D; {@code maxReminders} is 0 to 10;
 * {@code fallbackGroup} is a group with active members, or "" for no escalation. Each is optional: one left out takes
 * the installation's default. A value out of its limits is refused 400 {@code INVALID_REQUEST} naming the field
 * (e.g. {@code reminders.remindAfter}).
 */
@RestController
@Validated
@RequestMapping("/api/pipelines")
class PipelineController {

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}";

    private final PipelineService pipelines;

    PipelineController(PipelineService pipelines) {
        this.pipelines = pipelines;
    }

    public record RuleBody(@NotBlank @Size(max = 100) String group, @NotNull @Min(1) @Max(6) Integer approvals) {
    }

    public record PipelineBody(@NotBlank @Pattern(regexp = NAME) String project,
                               @NotBlank @Pattern(regexp = NAME) String application,
                               @NotBlank @Pattern(regexp = NAME) String environment,
                               @NotBlank @Pattern(regexp = "simulated|kubernetes|external") String target,
                               @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._/-]*") String targetRef,
                               @Pattern(regexp = "ROLLING|RECREATE|BLUE_GREEN|CANARY") String strategy,
                               @NotNull @Min(0) @Max(6) Integer requiredApprovals,
                               @Size(max = 6) List<@Valid @NotNull RuleBody> approverRules,
                               @Min(60) @Max(31_536_000) Long approvalLifetimeSeconds,
                               @Min(60) @Max(31_536_000) Long requestLifetimeSeconds,
                               @NotNull Boolean approverMayDeploy,
                               Pipeline.Trigger trigger,
                               Boolean countVoterInEveryRule,
                               PipelineReminders reminders,
                               @Min(0) Long version) {

        /**
         * The API validates the body first, so the required fields are there; a seed file's pipeline is not
         * validated and may leave them out, as it always could: then they are 0 and false, as before they were typed.
         */
        Pipeline toPipeline(String id) {
            List<ApproverRule> rules = approverRules == null ? List.of() : approverRules.stream()
                    .map(r -> new ApproverRule(r.group(), r.approvals() == null ? 0 : r.approvals())).toList();
            return new Pipeline(id, project, application, environment, target, targetRef,
                    strategy == null ? "ROLLING" : strategy,
                    new ApprovalSettings(requiredApprovals == null ? 0 : requiredApprovals, rules,
                            approvalLifetimeSeconds == null ? 86_400 : approvalLifetimeSeconds,
                            requestLifetimeSeconds, Boolean.TRUE.equals(approverMayDeploy), countVoterInEveryRule),
                    trigger == null ? Pipeline.Trigger.MANUAL : trigger, reminders, false, 0);
        }
    }

    @GetMapping
    public List<Pipeline> list(@AuthenticationPrincipal Jwt caller,
                               @RequestParam(required = false) @Pattern(regexp = NAME) String application) {
        return pipelines.visibleTo(caller.getSubject(), application);
    }

    @GetMapping("/{id}")
    public Pipeline get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return pipelines.visible(caller.getSubject(), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Pipeline create(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody PipelineBody body) {
        return pipelines.create(caller.getSubject(), body.toPipeline(null));
    }

    /**
     * Replaces the pipeline's settings with the body's. {@code version}, the pipeline's {@code version} as the caller
     * read it (as Kubernetes' {@code resourceVersion}), makes the change conditional: refused 409 {@code
     * PIPELINE_CHANGED} when someone changed the pipeline since, so that a form opened earlier cannot write back
     * settings it never showed (a lower {@code requiredApprovals}, say). Without it the last write wins.
     */
    @PutMapping("/{id}")
    public Pipeline update(@AuthenticationPrincipal Jwt caller, @PathVariable String id,
                           @Valid @RequestBody PipelineBody body) {
        return pipelines.update(caller.getSubject(), id, body.toPipeline(id), body.version());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        pipelines.delete(caller.getSubject(), id);
    }
}
