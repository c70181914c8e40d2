package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.events.ApprovalNoLongerNeeded;
import dev.shipgate.contracts.events.ApprovalReopened;
import dev.shipgate.contracts.events.ApprovalWithdrawn;
import dev.shipgate.contracts.events.ApproverRule;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.ImageApproved;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.shipgate.approval.approval.domain.Fixtures.ALICE;
import static dev.shipgate.approval.approval.domain.Fixtures.BOB;
import static dev.shipgate.approval.approval.domain.Fixtures.CAROL;
import static dev.shipgate.approval.approval.domain.Fixtures.CI_BOT;
import static dev.shipgate.approval.approval.domain.Fixtures.DAVE;
import static dev.shipgate.approval.approval.domain.Fixtures.ERIN;
import static dev.shipgate.approval.approval.domain.Fixtures.MONA;
import static dev.shipgate.approval.approval.domain.Fixtures.NOW;
import static dev.shipgate.approval.approval.domain.Fixtures.PEOPLE;
import static dev.shipgate.approval.approval.domain.Fixtures.accepted;
import static dev.shipgate.approval.approval.domain.Fixtures.actor;
import static dev.shipgate.approval.approval.domain.Fixtures.pending;
import static dev.shipgate.approval.approval.domain.Fixtures.people;
import static dev.shipgate.approval.approval.domain.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reported inputs of issue 16 (items 1-4), each as users tried them: whether an approval holds is decided at the
 * moment it is read, voted on or used, under the pipeline's policy then and each voter's access then (design rules
 * 10 and 11). The domain alone, no framework.
 */
class DecidedAtUseTest {

    private static final Instant VOTED = NOW.plusSeconds(60);
    private static final Instant LATER = NOW.plusSeconds(120);
    private static final ApproverRule SECURITY = new ApproverRule("security", 1);
    private static final ApproverRule RELEASE_MANAGERS = new ApproverRule("release-managers", 1);

    private static ApprovalRefusal refusal(Outcome outcome) {
        assertThat(outcome).as("expected a refusal").isInstanceOf(Outcome.Refused.class);
        return ApprovalRefusal.valueOf(((Outcome.Refused) outcome).refusal().reason());
    }

    private static ApprovalRequest vote(ApprovalRequest request, People people, Actor approver) {
        return accepted(request.approve(people, approver, null, VOTED));
    }

    // item 1: policy changes

    @Test
    void a_count_raised_after_the_request_was_made_holds_a_single_vote_as_pending() {
        ApprovalRequest raised = pending(1).withPolicy(policy(2));

        ApprovalRequest afterBob = vote(raised, PEOPLE, BOB);

        assertThat(afterBob.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(refusal(afterBob.consume(PEOPLE, "dp-1", ALICE, LATER)))
                .isEqualTo(ApprovalRefusal.PARTIALLY_APPROVED);
    }

    @Test
    void a_count_raised_after_approval_moves_the_unused_approval_back_to_pending_and_refuses_the_deploy() {
        ApprovalRequest approved = vote(pending(1), PEOPLE, BOB);
        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);

        Outcome.Accepted judged = approved.withPolicy(policy(2)).reevaluate(PEOPLE, LATER);

        assertThat(judged.request().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(judged.events()).singleElement().isInstanceOfSatisfying(ApprovalReopened.class, e -> {
            assertThat(e.counted()).containsExactly("bob");
            assertThat(e.requiredApprovals()).isEqualTo(2);
            assertThat(e.reason()).contains("1 of 2");
        });
        assertThat(judged.request().history()).last().extracting(AuditEntry::action).isEqualTo("REOPENED");
        assertThat(refusal(approved.withPolicy(policy(2)).consume(PEOPLE, "dp-1", ALICE, LATER)))
                .isEqualTo(ApprovalRefusal.PARTIALLY_APPROVED);
    }

    @Test
    void a_count_lowered_approves_a_pending_request_that_now_meets_it_and_it_deploys_once() {
        ApprovalRequest oneOfTwo = vote(pending(2), PEOPLE, BOB);
        assertThat(oneOfTwo.status()).isEqualTo(ApprovalStatus.PENDING);

        Outcome.Accepted judged = oneOfTwo.withPolicy(policy(1)).reevaluate(PEOPLE, LATER);

        assertThat(judged.request().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(judged.events()).singleElement().isInstanceOfSatisfying(ImageApproved.class,
                e -> assertThat(e.approvedBy()).containsExactly("bob"));
        ApprovalRequest deployed = accepted(judged.request().consume(PEOPLE, "dp-1", ALICE, LATER));
        assertThat(refusal(deployed.consume(PEOPLE, "dp-2", ALICE, LATER)))
                .isEqualTo(ApprovalRefusal.APPROVAL_ALREADY_USED);
    }

    @Test
    void a_deploy_judges_a_lowered_count_itself_when_no_trigger_ran_yet() {
        ApprovalRequest oneOfTwo = vote(pending(2), PEOPLE, BOB);

        Outcome outcome = oneOfTwo.withPolicy(policy(1)).consume(PEOPLE, "dp-1", ALICE, LATER);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class, ok -> {
            assertThat(ok.request().status()).isEqualTo(ApprovalStatus.CONSUMED);
            assertThat(ok.events()).hasAtLeastOneElementOfType(DeploymentAuthorized.class);
            // spent at once: an ImageApproved would start a second, refused, AUTOMATIC deployment
            assertThat(ok.events()).noneMatch(ImageApproved.class::isInstance);
        });
    }

    /**
     * A found way around the four eyes (issue 15, item 4): dave built and requested, a manager made the service
     * account ci-bot an image approver, dave made himself a token for ci-bot and approved through it. A service
     * account never approves, and a vote of one stored before this rule does not count.
     */
    @Test
    void a_service_account_never_approves_even_as_an_image_approver() {
        Actor asAPerson = actor("deploy-bot", List.of("release-managers"), Role.IMAGE_APPROVER);
        Actor robot = asAPerson.asServiceAccount();
        People people = people(ALICE, BOB, CAROL, DAVE, robot);

        assertThat(refusal(pending(1).approve(people, robot, null, VOTED)))
                .isEqualTo(ApprovalRefusal.SERVICE_ACCOUNT_CANNOT_APPROVE);
        ApprovalRequest votedWhileItWasAPerson = vote(pending(1), people(asAPerson), asAPerson);
        Tally now = votedWhileItWasAPerson.tally(people);
        assertThat(now.counted()).isEmpty();
        assertThat(now.setAside()).extracting(Tally.SetAside::userId).containsExactly("deploy-bot");
        assertThat(refusal(votedWhileItWasAPerson.consume(people, "dp-1", ALICE, LATER)))
                .isEqualTo(ApprovalRefusal.PARTIALLY_APPROVED);
    }

    @Test
    void whether_an_approver_may_deploy_is_judged_under_the_current_policy() {
        ApprovalRequest approved = vote(pending(1), PEOPLE, BOB);
        ApprovalPolicy approversMayDeploy = new ApprovalPolicy(1, List.of(), Duration.ofHours(24),
                Duration.ofDays(7), true, false);

        assertThat(refusal(approved.consume(PEOPLE, "dp-1", BOB, LATER)))
                .isEqualTo(ApprovalRefusal.APPROVER_CANNOT_DEPLOY);
        assertThat(approved.withPolicy(approversMayDeploy).consume(PEOPLE, "dp-1", BOB, LATER))
                .isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void a_policy_of_zero_closes_open_requests_as_no_longer_needed() {
        for (ApprovalRequest open : List.of(pending(2), vote(pending(1), PEOPLE, BOB))) {
            Outcome.Accepted judged = open.withPolicy(policy(0)).reevaluate(PEOPLE, LATER);

            assertThat(judged.request().status()).isEqualTo(ApprovalStatus.NOT_NEEDED);
            assertThat(judged.request().status().isOpen()).isFalse();
            assertThat(judged.events()).singleElement().isInstanceOf(ApprovalNoLongerNeeded.class);
            assertThat(judged.request().history()).last().extracting(AuditEntry::action).isEqualTo("NOT_NEEDED");
        }
    }

    @Test
    void a_new_group_rule_reopens_an_approval_nobody_of_that_group_gave() {
        ApprovalRequest approvedByBob = vote(pending(1), PEOPLE, BOB);

        Outcome.Accepted judged = approvedByBob.withPolicy(policy(1, SECURITY)).reevaluate(PEOPLE, LATER);

        assertThat(judged.request().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(((ApprovalReopened) judged.events().get(0)).reason()).contains("rule 'security' has 0 of 1");
    }

    // item 2: votes outlive the voter's right

    @Test
    void a_vote_stops_counting_when_its_author_leaves_the_group_loses_image_approver_or_is_deactivated() {
        ApprovalPolicy prod = policy(2, SECURITY);
        Actor pat = actor("pat", List.of("security"), Role.IMAGE_APPROVER);
        List<Actor> patLater = List.of(
                actor("pat", List.of(), Role.IMAGE_APPROVER),                        // removed from security
                actor("pat", List.of("security"), Role.VIEW),                         // lost Image Approver
                new Actor("pat", List.of("security"), dev.shipgate.contracts.access.Permissions.none("pat")));
        for (Actor nowPat : patLater) {
            ApprovalRequest votedByPat = vote(pending(prod), people(pat, BOB), pat);
            People now = people(nowPat, BOB, ALICE);

            ApprovalRequest afterBob = vote(votedByPat, now, BOB);

            assertThat(afterBob.status()).as("pat now: %s", nowPat).isEqualTo(ApprovalStatus.PENDING);
            assertThat(refusal(afterBob.consume(now, "dp-1", ALICE, LATER)))
                    .isEqualTo(ApprovalRefusal.PARTIALLY_APPROVED);
            Tally tally = afterBob.tally(now);
            assertThat(tally.rules().get(0).counted()).as("the security rule").doesNotContain("pat");
            if (!nowPat.canApproveImages(Fixtures.PAYMENTS_PROD)) {
                assertThat(tally.setAside()).singleElement().satisfies(aside -> {
                    assertThat(aside.userId()).isEqualTo("pat");
                    assertThat(aside.reason()).contains("no longer counts");
                });
            }
        }
    }

    @Test
    void an_approval_whose_voter_lost_the_right_is_reopened_when_judged_again() {
        Actor pat = actor("pat", List.of("security"), Role.IMAGE_APPROVER);
        ApprovalRequest approved = vote(vote(pending(policy(2, SECURITY)), people(pat, BOB), pat), people(pat, BOB),
                BOB);
        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);

        People patLeftSecurity = people(actor("pat", List.of(), Role.IMAGE_APPROVER), BOB);

        assertThat(approved.reevaluate(patLeftSecurity, LATER).request().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(refusal(approved.consume(patLeftSecurity, "dp-1", ALICE, LATER)))
                .isEqualTo(ApprovalRefusal.PARTIALLY_APPROVED);
    }

    // item 3: one person fills two rules

    @Test
    void one_person_in_two_groups_fills_only_one_of_two_rules_by_default() {
        ApprovalPolicy twoRules = policy(2, SECURITY, RELEASE_MANAGERS);

        ApprovalRequest carolAndDave = vote(vote(pending(twoRules), PEOPLE, CAROL), PEOPLE, DAVE);

        assertThat(carolAndDave.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(carolAndDave.remainingApprovals(PEOPLE)).isEqualTo(1);
        assertThat(refusal(carolAndDave.consume(PEOPLE, "dp-1", ALICE, LATER)))
                .isEqualTo(ApprovalRefusal.PARTIALLY_APPROVED);
        // a second person from the other group completes it: carol moves to the rule bob cannot fill
        assertThat(vote(carolAndDave, PEOPLE, BOB).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void a_pipeline_may_count_one_person_in_every_group_they_belong_to() {
        ApprovalPolicy everyRule = new ApprovalPolicy(2, List.of(SECURITY, RELEASE_MANAGERS), Duration.ofHours(24),
                Duration.ofDays(7), false, false, true);

        ApprovalRequest carolAndDave = vote(vote(pending(everyRule), PEOPLE, CAROL), PEOPLE, DAVE);

        assertThat(carolAndDave.status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    // item 4: state shown late

    @Test
    void an_approval_past_its_expiry_reads_expired_at_once_without_the_sweeper() {
        ApprovalRequest approved = vote(pending(1), PEOPLE, BOB);

        ApprovalRequest read = approved.asOf(PEOPLE, approved.expiresAt());

        assertThat(read.status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(approved.asOf(PEOPLE, approved.expiresAt().minusMillis(1)).status())
                .isEqualTo(ApprovalStatus.APPROVED);
        assertThat(refusal(approved.consume(PEOPLE, "dp-1", ALICE, approved.expiresAt())))
                .isEqualTo(ApprovalRefusal.APPROVAL_EXPIRED);
    }

    // withdrawing a vote

    @Test
    void an_approver_withdraws_their_vote_and_the_unused_approval_goes_back_to_pending() {
        ApprovalRequest approved = vote(pending(1), PEOPLE, BOB);

        Outcome.Accepted withdrawn = (Outcome.Accepted) approved.withdraw(PEOPLE, BOB, LATER);

        assertThat(withdrawn.request().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(withdrawn.request().votes()).isEmpty();
        assertThat(withdrawn.events()).hasSize(2);
        assertThat(withdrawn.events().get(0)).isInstanceOf(ApprovalWithdrawn.class);
        assertThat(withdrawn.events().get(1)).isInstanceOf(ApprovalReopened.class);
        assertThat(withdrawn.request().history()).extracting(AuditEntry::action).contains("WITHDRAWN", "REOPENED");
    }

    @Test
    void only_ones_own_vote_on_an_unused_approval_can_be_withdrawn() {
        ApprovalRequest approved = vote(pending(1), PEOPLE, BOB);
        ApprovalRequest deployed = accepted(approved.consume(PEOPLE, "dp-1", ALICE, LATER));

        assertThat(refusal(approved.withdraw(PEOPLE, CAROL, LATER))).isEqualTo(ApprovalRefusal.NO_VOTE_TO_WITHDRAW);
        assertThat(refusal(deployed.withdraw(PEOPLE, BOB, LATER))).isEqualTo(ApprovalRefusal.ALREADY_CLOSED);
    }

    @Test
    void neither_requester_nor_builder_counts_even_if_a_vote_of_theirs_is_stored() {
        Vote byAlice = new Vote("alice", List.of(), null, VOTED);
        Vote byBuilder = new Vote("CI-Bot", List.of(), null, VOTED);
        Tally tally = Tally.of(List.of(byAlice, byBuilder), policy(1), Fixtures.IMAGE, "alice",
                people(actor("alice", List.of(), Role.IMAGE_APPROVER), CI_BOT, ERIN, MONA));

        assertThat(tally.counted()).isEmpty();
        assertThat(tally.setAside()).hasSize(2);
        assertThat(tally.met()).isFalse();
    }
}
