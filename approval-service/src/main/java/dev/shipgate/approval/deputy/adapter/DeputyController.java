package dev.shipgate.approval.deputy.adapter;

import dev.shipgate.approval.deputy.application.DeputyService;
import dev.shipgate.approval.deputy.domain.Deputy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * An approver's deputy while they are out of office (issue 19, "Delegation"): {@code PUT} names one for
 * {@code [from, until)} (ISO-8601 instants, UTC), replacing an earlier naming; {@code GET} shows it, {@code DELETE}
 * ends it. {@code me} is the caller. Only the approver themself or a super admin: 403 {@code NOT_YOUR_DEPUTY}.
 * Refused with 400 and the {@code field}: {@code SELF_DEPUTY}, {@code UNKNOWN_DEPUTY},
 * {@code DEPUTY_IS_SERVICE_ACCOUNT} (field {@code deputy}); {@code PERIOD_INVALID}, {@code PERIOD_OVER},
 * {@code PERIOD_TOO_LONG} (field {@code until}). 404 {@code NO_DEPUTY} when none is named.
 */
@RestController
@Validated
@RequestMapping("/api/access/users/{userId}/deputy")
class DeputyController {

    static final String ME = "me";

    private final DeputyService deputies;

    DeputyController(DeputyService deputies) {
        this.deputies = deputies;
    }

    /** @param deputy the deputy's user id (or e-mail address) */
    public record NewDeputy(@NotBlank @Size(max = 100) String deputy, @NotNull Instant from,
                            @NotNull Instant until) {
    }

    /** A deputy naming as the API shows it. */
    public record DeputyView(String approver, String deputy, Instant from, Instant until, String setBy,
                             Instant setAt) {
        static DeputyView of(Deputy deputy) {
            return new DeputyView(deputy.approver(), deputy.deputy(), deputy.from(), deputy.until(),
                    deputy.setBy(), deputy.setAt());
        }
    }

    @PutMapping
    public DeputyView name(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String userId,
                           @Valid @RequestBody NewDeputy body) {
        return DeputyView.of(deputies.name(caller.getSubject(), approver(caller, userId), body.deputy(),
                body.from(), body.until()));
    }

    @GetMapping
    public DeputyView get(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String userId) {
        return DeputyView.of(deputies.get(caller.getSubject(), approver(caller, userId)));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void remove(@AuthenticationPrincipal Jwt caller, @PathVariable @Size(max = 100) String userId) {
        deputies.remove(caller.getSubject(), approver(caller, userId));
    }

    private static String approver(Jwt caller, String userId) {
        return ME.equals(userId) ? caller.getSubject() : userId;
    }
}
