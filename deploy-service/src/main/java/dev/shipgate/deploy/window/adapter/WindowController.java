package dev.shipgate.deploy.window.adapter;

import dev.shipgate.deploy.window.application.WindowService;
import dev.shipgate.deploy.window.domain.WindowKind;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/**
 * Deployment windows (issue 18): a pipeline's own under {@code /api/pipelines/{id}/windows} (changed by whoever may
 * change the pipeline's settings), policies that apply by project / application / environment under
 * {@code /api/deployment-windows} (changed by Admins of the whole scope). A recurrence that is not an RFC 5545
 * RRULE, a duration that is not ISO-8601 or an unknown time zone is a 400 problem naming the field.
 */
@RestController
@Validated
class WindowController {

    /** A name, or {@code *} for every one (policies only). */
    static final String NAME_OR_ALL = "\\*|[A-Za-z0-9][A-Za-z0-9._-]{0,62}";

    private final WindowService windows;

    WindowController(WindowService windows) {
        this.windows = windows;
    }

    /**
     * A window to create.
     *
     * @param kind           BLACKOUT (no deploys inside) or MAINTENANCE (deploys only inside)
     * @param recurrence     when each occurrence starts: an RFC 5545 RRULE, e.g. {@code FREQ=WEEKLY;BYDAY=SA}
     * @param duration       how long each lasts, ISO-8601 wall-clock time in {@code timeZone}, e.g. {@code P2D}
     * @param timeZone       IANA zone id, e.g. {@code Europe/Berlin}
     * @param startDate      first day an occurrence may start, or absent
     * @param endDate        last day an occurrence may start (inclusive), or absent
     * @param message        shown to whoever is refused
     * @param holdsRollbacks whether rollbacks are held too (default true)
     * @param project        policies only: the scope they apply to, {@code *} (or absent) for every one
     */
    public record WindowBody(@NotNull WindowKind kind, @NotBlank @Size(max = 500) String recurrence,
                             @NotBlank @Size(max = 40) String duration, @NotBlank @Size(max = 60) String timeZone,
                             LocalDate startDate, LocalDate endDate, @Size(max = 500) String message,
                             Boolean holdsRollbacks, @Pattern(regexp = NAME_OR_ALL) String project,
                             @Pattern(regexp = NAME_OR_ALL) String application,
                             @Pattern(regexp = NAME_OR_ALL) String environment) {

        WindowDocument toDocument(String pipelineId) {
            boolean policy = pipelineId == null;
            return new WindowDocument("draft", pipelineId, policy ? project : null, policy ? application : null,
                    policy ? environment : null, kind, recurrence.trim(), duration.trim(), timeZone.trim(),
                    startDate, endDate, message == null ? "" : message, !Boolean.FALSE.equals(holdsRollbacks));
        }
    }

    @GetMapping("/api/pipelines/{pipelineId}/windows")
    public List<WindowDocument> ofPipeline(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId) {
        return windows.ofPipeline(caller.getSubject(), pipelineId).stream().map(WindowDocument::of).toList();
    }

    @PostMapping("/api/pipelines/{pipelineId}/windows")
    @ResponseStatus(HttpStatus.CREATED)
    public WindowDocument addToPipeline(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                                        @Valid @RequestBody WindowBody body) {
        return WindowDocument.of(windows.addToPipeline(caller.getSubject(), pipelineId,
                body.toDocument(pipelineId).toWindow()));
    }

    @DeleteMapping("/api/pipelines/{pipelineId}/windows/{windowId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeFromPipeline(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                                   @PathVariable String windowId) {
        windows.removeFromPipeline(caller.getSubject(), pipelineId, windowId);
    }

    @GetMapping("/api/deployment-windows")
    public List<WindowDocument> policies(@AuthenticationPrincipal Jwt caller) {
        return windows.policies(caller.getSubject()).stream().map(WindowDocument::of).toList();
    }

    @PostMapping("/api/deployment-windows")
    @ResponseStatus(HttpStatus.CREATED)
    public WindowDocument addPolicy(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody WindowBody body) {
        return WindowDocument.of(windows.addPolicy(caller.getSubject(), body.toDocument(null).toWindow()));
    }

    @DeleteMapping("/api/deployment-windows/{windowId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removePolicy(@AuthenticationPrincipal Jwt caller, @PathVariable String windowId) {
        windows.removePolicy(caller.getSubject(), windowId);
    }
}
