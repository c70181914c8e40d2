package dev.shipgate.deploy.breakglass.domain;

import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.deployment.domain.BreakGlass;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may break the glass, with what words, and who may review it (issue 18). */
class BreakGlassRulesTest {

    private static final Scope PROD = new Scope("shop", "payments", "prod");
    private static final PipelineImage IMAGE = new PipelineImage("pl-1", "payments", "prod", "sha256:ab", "1.0.0");
    private static final BreakGlassPolicy MANAGERS = new BreakGlassPolicy("pl-1", Role.MANAGER, Duration.ofHours(24),
            "dave", Instant.EPOCH);

    private static Permissions holding(Role role, Scope scope) {
        return new Permissions("u", List.of(new Grant(role, scope)));
    }

    private static String reason(Optional<Refusal> refusal) {
        return refusal.map(Refusal::reason).orElse("allowed");
    }

    @Test
    void without_a_policy_nobody_breaks_the_glass_and_the_refusal_names_the_image_to_request_approval_for() {
        Optional<Refusal> refusal = BreakGlassRules.mayBreak(null, holding(Role.SUPER_ADMIN, PROD), PROD, IMAGE);

        assertThat(reason(refusal)).isEqualTo("BREAK_GLASS_NOT_ENABLED");
        assertThat(refusal.get().facts()).containsEntry("imageDigest", "sha256:ab").containsEntry("tag", "1.0.0");
        assertThat(refusal.get().detail()).contains("needs an approval");
    }

    @Test
    void the_policy_role_or_a_higher_ranked_one_on_the_pipeline_scope_may_break_it() {
        assertThat(reason(BreakGlassRules.mayBreak(MANAGERS, holding(Role.MANAGER, PROD), PROD, IMAGE)))
                .isEqualTo("allowed");
        assertThat(reason(BreakGlassRules.mayBreak(MANAGERS, holding(Role.SUPER_ADMIN, Scope.everywhere()), PROD,
                IMAGE))).isEqualTo("allowed");
        assertThat(reason(BreakGlassRules.mayBreak(MANAGERS, holding(Role.ADMIN, PROD), PROD, IMAGE)))
                .isEqualTo("NOT_ALLOWED_TO_BREAK_GLASS");
        assertThat(reason(BreakGlassRules.mayBreak(MANAGERS, holding(Role.MANAGER,
                new Scope("shop", "payments", "staging")), PROD, IMAGE))).isEqualTo("NOT_ALLOWED_TO_BREAK_GLASS");
        assertThat(reason(BreakGlassRules.mayBreak(MANAGERS, holding(Role.IMAGE_APPROVER, PROD), PROD, IMAGE)))
                .isEqualTo("NOT_ALLOWED_TO_BREAK_GLASS");
    }

    @Test
    void a_justification_is_required_and_both_texts_are_bounded_naming_the_field() {
        assertThat(BreakGlassRules.justification(null, null).get().facts()).containsEntry("field", "justification");
        assertThat(reason(BreakGlassRules.justification("  ", null))).isEqualTo("INVALID_JUSTIFICATION");
        assertThat(reason(BreakGlassRules.justification("x".repeat(2001), null))).isEqualTo("INVALID_JUSTIFICATION");
        assertThat(reason(BreakGlassRules.justification("x".repeat(2000), "i".repeat(200)))).isEqualTo("allowed");
        assertThat(BreakGlassRules.justification("down", "i".repeat(201)).get().facts())
                .containsEntry("field", "incidentRef");
    }

    @Test
    void a_policy_names_a_role_that_may_deploy_and_a_review_time_of_an_hour_to_a_week() {
        assertThat(reason(BreakGlassRules.policy(Role.BUILD_AND_DEPLOY, Duration.ofHours(1)))).isEqualTo("allowed");
        assertThat(reason(BreakGlassRules.policy(Role.MANAGER, Duration.ofDays(7)))).isEqualTo("allowed");
        assertThat(reason(BreakGlassRules.policy(Role.VIEW, Duration.ofHours(24))))
                .isEqualTo("INVALID_BREAK_GLASS_POLICY");
        assertThat(reason(BreakGlassRules.policy(Role.IMAGE_APPROVER, Duration.ofHours(24))))
                .isEqualTo("INVALID_BREAK_GLASS_POLICY");
        assertThat(BreakGlassRules.policy(Role.ADMIN, Duration.ofMinutes(59)).get().facts())
                .containsEntry("field", "reviewWithin");
        assertThat(reason(BreakGlassRules.policy(Role.ADMIN, Duration.ofDays(7).plusSeconds(1))))
                .isEqualTo("INVALID_BREAK_GLASS_POLICY");
    }

    @Test
    void approvers_of_the_pipeline_review_and_nobody_else_and_a_review_needs_an_outcome_and_a_comment() {
        assertThat(reason(BreakGlassRules.mayReview(holding(Role.IMAGE_APPROVER, PROD), PROD))).isEqualTo("allowed");
        assertThat(reason(BreakGlassRules.mayReview(holding(Role.SUPER_ADMIN, Scope.everywhere()), PROD)))
                .isEqualTo("allowed");
        assertThat(reason(BreakGlassRules.mayReview(holding(Role.MANAGER, PROD), PROD)))
                .isEqualTo("NOT_ALLOWED_TO_REVIEW");
        assertThat(reason(BreakGlassRules.review(BreakGlass.Review.OPEN, "x"))).isEqualTo("INVALID_REVIEW");
        assertThat(BreakGlassRules.review(BreakGlass.Review.FLAGGED, " ").get().facts())
                .containsEntry("field", "comment");
        assertThat(reason(BreakGlassRules.review(BreakGlass.Review.ACKNOWLEDGED, "ok"))).isEqualTo("allowed");
    }

    @Test
    void an_incident_rollback_goes_to_the_newest_earlier_release_of_another_image_that_was_healthy() {
        Deployment v1 = healthy("dp-1", "sha256:01", 1);
        Deployment v2failed = Deployment.request("dp-2", image("sha256:02"), "a", null, at(2)).deployment()
                .authorize(null, List.of(), at(2)).orElseThrow().deployment()
                .startProgressing("go", at(2)).orElseThrow().deployment()
                .finish(DeploymentStatus.FAILED, "crash", at(2)).orElseThrow().deployment();
        Deployment v3 = healthy("dp-3", "sha256:03", 3);
        Deployment v3again = healthy("dp-4", "sha256:03", 4);

        List<Deployment> newestFirst = List.of(v3again, v3, v2failed, v1);
        assertThat(RollbackTarget.previousHealthy(newestFirst, Optional.of(v3again))).contains(v1);
        assertThat(RollbackTarget.previousHealthy(List.of(v2failed, v1), Optional.empty())).contains(v1);
        assertThat(RollbackTarget.previousHealthy(List.of(v1), Optional.of(v1))).isEmpty();
    }

    private static Instant at(int minute) {
        return Instant.parse("2026-11-28T00:00:00Z").plusSeconds(60L * minute);
    }

    private static PipelineImage image(String digest) {
        return new PipelineImage("pl-1", "payments", "prod", digest, digest.substring(7));
    }

    private static Deployment healthy(String id, String digest, int minute) {
        return Deployment.request(id, image(digest), "a", null, at(minute)).deployment()
                .authorize(null, List.of(), at(minute)).orElseThrow().deployment()
                .startProgressing("go", at(minute)).orElseThrow().deployment()
                .finish(DeploymentStatus.HEALTHY, "up", at(minute)).orElseThrow().deployment();
    }
}
