package dev.shipgate.deploy.breakglass.domain;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.deployment.domain.BreakGlass;
import dev.shipgate.deploy.shared.domain.DeployRefusal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who may break the glass and who may review it (issue 18), as refusal values; empty when allowed.
 * <ul>
 *   <li>Break: the pipeline has a {@link BreakGlassPolicy} and the caller holds its role on the pipeline's scope
 *   (plus Build and Deploy, checked as for any deploy); a justification of 1 to {@value #MAX_JUSTIFICATION}
 *   characters, an incident reference of at most {@value #MAX_INCIDENT_REF}. A refusal names the image, so the
 *   caller can request an approval for it instead.</li>
 *   <li>Review: Approve images on the pipeline's scope; the requester and builder rules of approvals do not apply,
 *   but who broke the glass never reviews their own ({@code Deployment#closeReview}).</li>
 * </ul>
 */
public final class BreakGlassRules {

    public static final int MAX_JUSTIFICATION = 2000;
    public static final int MAX_INCIDENT_REF = 200;
    public static final Duration SHORTEST_REVIEW = Duration.ofHours(1);
    public static final Duration LONGEST_REVIEW = Duration.ofDays(7);
    private static final Set<Role> MAY_BE_ALLOWED = EnumSet.of(Role.BUILD_AND_DEPLOY, Role.ADMIN, Role.MANAGER,
            Role.SUPER_ADMIN);

    private BreakGlassRules() {
    }

    /**
     * Whether {@code caller} may break the glass on {@code scope} for {@code image} (null: asked before an image is
     * chosen) under {@code policy} (null: off).
     */
    public static Optional<Refusal> mayBreak(BreakGlassPolicy policy, Permissions caller, Scope scope,
                                             PipelineImage image) {
        if (policy == null) {
            return Optional.of(needsApproval(DeployRefusal.BREAK_GLASS_NOT_ENABLED, image,
                    "break-glass is off on this pipeline"));
        }
        if (!caller.has(policy.allowedRole(), scope)) {
            return Optional.of(needsApproval(DeployRefusal.NOT_ALLOWED_TO_BREAK_GLASS, image, caller.userId()
                    + " needs " + policy.allowedRole() + " on " + scope.application() + " / " + scope.environment()
                    + " to break the glass"));
        }
        return Optional.empty();
    }

    private static Refusal needsApproval(DeployRefusal reason, PipelineImage image, String why) {
        if (image == null) {
            return reason.because(why + ": a deploy needs an approval");
        }
        return reason.because(why + ": deploying " + image.tag() + " needs an approval; request one for it")
                .with("imageDigest", image.digest()).with("tag", image.tag());
    }

    /** The justification is required, both texts bounded. */
    public static Optional<Refusal> justification(String justification, String incidentRef) {
        if (justification == null || justification.isBlank() || justification.length() > MAX_JUSTIFICATION) {
            return Optional.of(DeployRefusal.INVALID_JUSTIFICATION.because("a justification of 1 to "
                    + MAX_JUSTIFICATION + " characters is required to break the glass")
                    .with("field", "justification"));
        }
        if (incidentRef != null && incidentRef.length() > MAX_INCIDENT_REF) {
            return Optional.of(DeployRefusal.INVALID_JUSTIFICATION.because("an incident reference has at most "
                    + MAX_INCIDENT_REF + " characters").with("field", "incidentRef"));
        }
        return Optional.empty();
    }

    /** A policy's role may deploy, and its review time is within bounds. */
    public static Optional<Refusal> policy(Role allowedRole, Duration reviewWithin) {
        if (allowedRole == null || !MAY_BE_ALLOWED.contains(allowedRole)) {
            return Optional.of(DeployRefusal.INVALID_BREAK_GLASS_POLICY.because("allowedRole is one of "
                    + MAY_BE_ALLOWED).with("field", "allowedRole"));
        }
        if (reviewWithin == null || reviewWithin.compareTo(SHORTEST_REVIEW) < 0
                || reviewWithin.compareTo(LONGEST_REVIEW) > 0) {
            return Optional.of(DeployRefusal.INVALID_BREAK_GLASS_POLICY.because("reviewWithin is an ISO-8601 "
                    + "duration from " + SHORTEST_REVIEW + " to " + LONGEST_REVIEW).with("field", "reviewWithin"));
        }
        return Optional.empty();
    }

    /** Whether {@code reviewer} may review break-glass deployments of {@code scope}: Approve images there. */
    public static Optional<Refusal> mayReview(Permissions reviewer, Scope scope) {
        return reviewer.canApproveImages(scope) ? Optional.empty()
                : Optional.of(DeployRefusal.NOT_ALLOWED_TO_REVIEW.because(reviewer.userId()
                + " needs Approve images on " + scope.application() + " / " + scope.environment()
                + " to review its break-glass deployments"));
    }

    /** The outcome closes the review (ACKNOWLEDGED or FLAGGED) and comes with a comment. */
    public static Optional<Refusal> review(BreakGlass.Review outcome, String comment) {
        if (outcome == null || outcome == BreakGlass.Review.OPEN) {
            return Optional.of(DeployRefusal.INVALID_REVIEW.because("outcome is ACKNOWLEDGED or FLAGGED")
                    .with("field", "outcome"));
        }
        if (comment == null || comment.isBlank() || comment.length() > MAX_JUSTIFICATION) {
            return Optional.of(DeployRefusal.INVALID_REVIEW.because("a comment of 1 to " + MAX_JUSTIFICATION
                    + " characters is required").with("field", "comment"));
        }
        return Optional.empty();
    }
}
