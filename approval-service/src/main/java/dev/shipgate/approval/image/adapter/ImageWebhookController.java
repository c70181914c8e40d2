package dev.shipgate.approval.image.adapter;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.image.application.ImageIntake;
import dev.shipgate.approval.image.domain.BuilderRule;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.ImageBuilt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/** For CI systems that call HTTP rather than publish to Kafka. */
@RestController
class ImageWebhookController {

    private final ImageIntake intake;
    private final AccessDirectory access;
    private final Clock clock;

    public ImageWebhookController(ImageIntake intake, AccessDirectory access, Clock clock) {
        this.intake = intake;
        this.access = access;
        this.clock = clock;
    }

    /**
     * @param builtBy the person whose change CI built (they may not approve it): a user id or e-mail address in any
     *                spelling; the caller when absent. Only a service account may name someone other than itself
     *                ({@link BuilderRule}).
     */
    public record BuiltImage(@NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9]+:[A-Fa-f0-9]{6,128}",
                                     message = "must look like sha256:<hex>") String digest,
                             @NotBlank @Size(max = 300) String repository,
                             @NotBlank @Size(max = 128) String tag,
                             @Size(max = 64) String commit,
                             @NotBlank @Size(max = 100) String application,
                             @Size(max = 100) String builtBy) {
    }

    /**
     * Registers an image. 403 NOT_ALLOWED_TO_BUILD without Build and Deploy on the application (the role that
     * publishes images, for people and CI service accounts alike); 403 NOT_ALLOWED_TO_NAME_BUILDER when a caller
     * that is not a service account names someone else as builder.
     */
    @PostMapping("/api/images")
    @ResponseStatus(HttpStatus.CREATED)
    public Image accept(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody BuiltImage body) {
        String callerId = caller.getSubject();
        var permissions = access.actor(callerId).permissions();
        if (!permissions.hasSomewhereIn(Role.BUILD_AND_DEPLOY, new Scope(Scope.ALL, body.application(), Scope.ALL))) {
            throw Refusal.forbidden("NOT_ALLOWED_TO_BUILD",
                    callerId + " needs Build and Deploy on " + body.application() + " to register images").exception();
        }
        String named = body.builtBy() == null || body.builtBy().isBlank() ? null : access.resolve(body.builtBy());
        BuilderRule.Decision builder = BuilderRule.builderOf(callerId, access.isServiceAccount(callerId), named);
        if (builder instanceof BuilderRule.Refused refused) {
            throw refused.refusal().exception();
        }
        String builtBy = ((BuilderRule.Builder) builder).userId();
        return intake.acceptFromWebhook(new ImageBuilt(body.digest(), body.repository(), body.tag(), body.commit(),
                body.application(), builtBy, clock.instant()));
    }
}
