package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ApprovalGiven;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.ApproverRule;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.ImageApproved;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.shipgate.approval.approval.domain.Fixtures.ALICE;
import static dev.shipgate.approval.approval.domain.Fixtures.BOB;
import static dev.shipgate.approval.approval.domain.Fixtures.CAROL;
import static dev.shipgate.approval.approval.domain.Fixtures.CI_BOT;
import static dev.shipgate.approval.approval.domain.Fixtures.DAVE;
import static dev.shipgate.approval.approval.domain.Fixtures.ELIGIBLE;
import static dev.shipgate.approval.approval.domain.Fixtures.ERIN;
import static dev.shipgate.approval.approval.domain.Fixtures.IMAGE;
import static dev.shipgate.approval.approval.domain.Fixtures.MONA;
import static dev.shipgate.approval.approval.domain.Fixtures.NOW;
import static dev.shipgate.approval.approval.domain.Fixtures.PEOPLE;
import static dev.shipgate.approval.approval.domain.Fixtures.accepted;
import static dev.shipgate.approval.approval.domain.Fixtures.approvedBy;
import static dev.shipgate.approval.approval.domain.Fixtures.pending;
import static dev.shipgate.approval.approval.domain.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of approval, one test each, with no framework: the domain alone. */
class ApprovalRulesTest {

    private static final java.time.Instant LATER = NOW.plusSeconds(120);

    private static ApprovalRefusal refusal(Outcome outcome) {
        assertThat(outcome).as("expected a refusal").isInstanceOf(Outcome.Refused.class);
        return ApprovalRefusal.valueOf(((Outcome.Refused) outcome).refusal().reason());
    }

    @Test
    void requesting_approval_needs_build_and_deploy_on_the_application_and_environment() {
        Outcome outcome = ApprovalRequest.open("ar-1", IMAGE, ERIN, List.of(), ELIGIBLE, null, policy(1), NOW);

        assertThat(refusal(outcome)).isEqualTo(ApprovalRefusal.NOT_ALLOWED_TO_REQUEST);
    }

    @Test
    void a_pipeline_without_required_approvals_takes_no_request() {
        Outcome outcome = ApprovalRequest.open("ar-1", IMAGE, ALICE, List.of(), ELIGIBLE, null, policy(0), NOW);

        assertThat(refusal(outcome)).isEqualTo(ApprovalRefusal.NO_APPROVAL_NEEDED);
    }

    @Test
    void named_approvers_must_be_eligible() {
        Outcome outcome = ApprovalRequest.open("ar-1", IMAGE, ALICE, List.of("bob", "erin"), ELIGIBLE, null,
                policy(1), NOW);

        assertThat(refusal(outcome)).isEqualTo(ApprovalRefusal.NAMED_APPROVER_NOT_ELIGIBLE);
    }

    @Test
    void the_named_approvers_are_notified_or_every_eligible_one_when_none_is_named() {
        var named = (Outcome.Accepted) ApprovalRequest.open("ar-1", IMAGE, ALICE, List.of("carol"), ELIGIBLE, null,
                policy(1), NOW);
        var unnamed = (Outcome.Accepted) ApprovalRequest.open("ar-2", IMAGE, ALICE, List.of(), ELIGIBLE, null,
                policy(1), NOW);

        assertThat(((ApprovalRequested) named.events().get(0)).approvers()).containsExactly("carol");
        assertThat(((ApprovalRequested) unnamed.events().get(0)).approvers()).containsExactly("bob", "carol", "dave");
    }

    @Test
    void the_requester_cannot_approve_their_own_request() {
        assertThat(refusal(pending(1).approve(PEOPLE, ALICE, null, LATER)))
                .isEqualTo(ApprovalRefusal.REQUESTER_CANNOT_APPROVE);
    }

    @Test
    void the_builder_of_the_image_cannot_approve_it_even_as_an_image_approver() {
        assertThat(refusal(pending(1).approve(PEOPLE, CI_BOT, null, LATER)))
                .isEqualTo(ApprovalRefusal.BUILDER_CANNOT_APPROVE);
    }

    @Test
    void a_super_admin_who_requested_cannot_approve_either() {
        var request = accepted(ApprovalRequest.open("ar-1", IMAGE, DAVE, List.of(), Set.of("bob"), null, policy(1),
                NOW));

        assertThat(refusal(request.approve(PEOPLE, DAVE, null, LATER)))
                .isEqualTo(ApprovalRefusal.REQUESTER_CANNOT_APPROVE);
    }

    @Test
    void a_super_admin_who_built_the_image_cannot_approve_it() {
        var builtByDave = new RequestedImage("pl-1", "shop", "payments", "prod", "sha256:cd34", "1.5.0", "dave");
        var request = accepted(ApprovalRequest.open("ar-1", builtByDave, ALICE, List.of(), Set.of("bob"), null,
                policy(1), NOW));

        assertThat(refusal(request.approve(PEOPLE, DAVE, null, LATER)))
                .isEqualTo(ApprovalRefusal.BUILDER_CANNOT_APPROVE);
    }

    @Test
    void only_image_approvers_in_scope_may_approve() {
        assertThat(refusal(pending(1).approve(PEOPLE, ERIN, null, LATER)))
                .isEqualTo(ApprovalRefusal.NOT_AN_ELIGIBLE_APPROVER);
        assertThat(refusal(pending(1).approve(PEOPLE, MONA, null, LATER)))
                .isEqualTo(ApprovalRefusal.NOT_AN_ELIGIBLE_APPROVER);
    }

    @Test
    void super_admins_are_default_approvers() {
        assertThat(approvedBy(pending(1), DAVE).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void one_vote_per_user() {
        var once = approvedBy(pending(2), BOB);

        assertThat(refusal(once.approve(PEOPLE, BOB, null, LATER))).isEqualTo(ApprovalRefusal.ALREADY_VOTED);
    }

    @Test
    void a_partially_approved_request_stays_pending_and_is_not_deployable() {
        var partial = approvedBy(pending(2), BOB);

        assertThat(partial.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(partial.remainingApprovals(PEOPLE)).isEqualTo(1);
        assertThat(refusal(partial.consume(PEOPLE, "dp-1", ALICE, LATER)))
                .isEqualTo(ApprovalRefusal.PARTIALLY_APPROVED);
    }

    @Test
    void the_request_is_approved_when_the_required_count_is_reached() {
        var outcome = (Outcome.Accepted) approvedBy(pending(2), BOB).approve(PEOPLE, CAROL, "ok", LATER);

        assertThat(outcome.request().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(outcome.events()).hasSize(2);
        assertThat(outcome.events().get(0)).isInstanceOf(ApprovalGiven.class);
        assertThat(((ImageApproved) outcome.events().get(1)).approvedBy()).containsExactly("bob", "carol");
    }

    @Test
    void an_approver_rule_holds_the_request_until_its_group_has_approved() {
        var request = pending(policy(2, new ApproverRule("security", 1)));

        var bobAndDave = approvedBy(request, BOB, DAVE);

        assertThat(bobAndDave.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(bobAndDave.remainingApprovals(PEOPLE)).isEqualTo(1);
        assertThat(approvedBy(bobAndDave, CAROL).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void a_user_in_two_groups_counts_once_toward_the_total() {
        var request = pending(policy(2, new ApproverRule("security", 1), new ApproverRule("release-managers", 1)));

        var carolOnly = approvedBy(request, CAROL);

        assertThat(carolOnly.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(carolOnly.remainingApprovals(PEOPLE)).isEqualTo(1);
    }

    @Test
    void a_rejection_needs_a_comment_and_closes_the_request() {
        assertThat(refusal(pending(1).reject(PEOPLE, BOB, " ", LATER))).isEqualTo(ApprovalRefusal.COMMENT_REQUIRED);

        var rejected = accepted(pending(1).reject(PEOPLE, BOB, "no tests", LATER));

        assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(refusal(rejected.approve(PEOPLE, CAROL, null, LATER)))
                .isEqualTo(ApprovalRefusal.REQUEST_NOT_PENDING);
        assertThat(refusal(rejected.consume(PEOPLE, "dp-1", ALICE, LATER)))
                .isEqualTo(ApprovalRefusal.APPROVAL_REJECTED);
    }

    @Test
    void the_requester_cannot_reject_their_own_request() {
        assertThat(refusal(pending(1).reject(PEOPLE, ALICE, "changed my mind", LATER)))
                .isEqualTo(ApprovalRefusal.REQUESTER_CANNOT_APPROVE);
    }

    @Test
    void only_the_requester_can_cancel() {
        assertThat(refusal(pending(1).cancel(BOB, LATER))).isEqualTo(ApprovalRefusal.ONLY_REQUESTER_CAN_CANCEL);
        assertThat(refusal(pending(1).cancel(DAVE, LATER))).isEqualTo(ApprovalRefusal.ONLY_REQUESTER_CAN_CANCEL);

        var cancelled = accepted(pending(1).cancel(ALICE, LATER));

        assertThat(cancelled.status()).isEqualTo(ApprovalStatus.CANCELLED);
        assertThat(refusal(cancelled.consume(PEOPLE, "dp-1", ALICE, LATER)))
                .isEqualTo(ApprovalRefusal.APPROVAL_CANCELLED);
    }

    @Test
    void a_used_approval_can_no_longer_be_cancelled_or_expired() {
        var used = accepted(approvedBy(pending(1), BOB).consume(PEOPLE, "dp-1", ALICE, LATER));

        assertThat(refusal(used.cancel(ALICE, LATER))).isEqualTo(ApprovalRefusal.ALREADY_CLOSED);
        assertThat(refusal(used.expire(ALICE, LATER))).isEqualTo(ApprovalRefusal.ALREADY_CLOSED);
    }

    @Test
    void the_requester_or_an_admin_may_let_an_unused_approval_expire() {
        var approved = approvedBy(pending(1), BOB);

        assertThat(refusal(approved.expire(BOB, LATER))).isEqualTo(ApprovalRefusal.ONLY_REQUESTER_OR_ADMIN_CAN_EXPIRE);
        assertThat(accepted(approved.expire(MONA, LATER)).status()).isEqualTo(ApprovalStatus.EXPIRED);
        var expired = accepted(approved.expire(ALICE, LATER));
        assertThat(expired.status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(refusal(expired.consume(PEOPLE, "dp-1", ALICE, LATER))).isEqualTo(ApprovalRefusal.APPROVAL_EXPIRED);
    }

    @Test
    void an_unused_approval_expires_when_its_lifetime_ends() {
        var approved = approvedBy(pending(1), BOB);
        var afterLifetime = approved.expiresAt().plusSeconds(1);

        assertThat(refusal(approved.consume(PEOPLE, "dp-1", ALICE, afterLifetime)))
                .isEqualTo(ApprovalRefusal.APPROVAL_EXPIRED);
        var outcome = (Outcome.Accepted) approved.expireIfOverdue(afterLifetime);
        assertThat(outcome.request().status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(((ApprovalExpired) outcome.events().get(0)).reason()).isEqualTo("APPROVAL_LIFETIME_ENDED");
        assertThat(((ApprovalExpired) outcome.events().get(0)).expiredBy()).isNull();
    }

    @Test
    void a_pending_request_expires_when_the_request_lifetime_ends() {
        var request = pending(1);

        assertThat(((Outcome.Accepted) request.expireIfOverdue(NOW.plus(Duration.ofDays(1)))).events()).isEmpty();
        var expired = accepted(request.expireIfOverdue(NOW.plus(Duration.ofDays(8))));
        assertThat(expired.status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(refusal(request.approve(PEOPLE, BOB, null, NOW.plus(Duration.ofDays(8)))))
                .isEqualTo(ApprovalRefusal.APPROVAL_EXPIRED);
    }

    @Test
    void one_approval_serves_exactly_one_deployment() {
        var outcome = (Outcome.Accepted) approvedBy(pending(1), BOB).consume(PEOPLE, "dp-1", ALICE, LATER);

        assertThat(outcome.request().status()).isEqualTo(ApprovalStatus.CONSUMED);
        assertThat(((DeploymentAuthorized) outcome.events().get(0)).approvalRequestId()).isEqualTo("ar-1");
        assertThat(refusal(outcome.request().consume(PEOPLE, "dp-2", ALICE, LATER)))
                .isEqualTo(ApprovalRefusal.APPROVAL_ALREADY_USED);
    }

    @Test
    void consuming_again_for_the_same_deployment_changes_nothing() {
        var used = accepted(approvedBy(pending(1), BOB).consume(PEOPLE, "dp-1", ALICE, LATER));

        var again = (Outcome.Accepted) used.consume(PEOPLE, "dp-1", ALICE, LATER);

        assertThat(again.request()).isSameAs(used);
        assertThat(again.events()).isEmpty();
    }

    @Test
    void an_approver_may_not_deploy_what_they_approved_unless_the_pipeline_allows_it() {
        var approvedByBob = approvedBy(pending(1), BOB);
        assertThat(refusal(approvedByBob.consume(PEOPLE, "dp-1", BOB, LATER)))
                .isEqualTo(ApprovalRefusal.APPROVER_CANNOT_DEPLOY);

        var lenient = new ApprovalPolicy(1, List.of(), Duration.ofHours(24), Duration.ofDays(7), true, false);
        var allowed = approvedBy(pending(lenient), BOB);
        assertThat(accepted(allowed.consume(PEOPLE, "dp-1", BOB, LATER)).status()).isEqualTo(ApprovalStatus.CONSUMED);
    }

    @Test
    void the_history_records_who_did_what_with_which_comment() {
        var approved = accepted(pending(1).approve(PEOPLE, BOB, "looks good", LATER));

        assertThat(approved.history()).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::comment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "REQUESTED", null),
                        org.assertj.core.groups.Tuple.tuple("bob", "APPROVED", "looks good"));
    }
}
