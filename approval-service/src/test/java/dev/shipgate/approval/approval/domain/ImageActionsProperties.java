package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
import static dev.shipgate.approval.approval.domain.Fixtures.PAYMENTS_PROD;
import static dev.shipgate.approval.approval.domain.Fixtures.PEOPLE;
import static dev.shipgate.approval.approval.domain.Fixtures.accepted;
import static dev.shipgate.approval.approval.domain.Fixtures.approvedBy;
import static dev.shipgate.approval.approval.domain.Fixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code allowedActions} says exactly what the server would accept: for any caller, any state of the image's newest
 * request, either setting of "approvers may deploy" and any moment, "deploy" is offered if and only if the caller may
 * deploy there and using the approval ({@link ApprovalRequest#consume}) would be accepted, and "request" if and only
 * if opening a request ({@link ApprovalRequest#open}) would be accepted and no open request blocks it.
 */
class ImageActionsProperties {

    @Property(tries = 500)
    void deploy_is_offered_exactly_when_the_approval_would_be_used(@ForAll("callers") Actor caller,
                                                                   @ForAll("requests") Optional<ApprovalRequest> stored,
                                                                   @ForAll boolean approverMayDeploy,
                                                                   @ForAll @IntRange(max = 48) int hoursLater) {
        Instant now = NOW.plus(Duration.ofHours(hoursLater));
        Optional<ApprovalRequest> newest = stored.map(request -> request.withPolicy(policy(approverMayDeploy)));
        boolean deployable = DeployablePolicy.deployable(true, false, newest, now);

        List<String> actions = ImageActions.allowed(caller, PAYMENTS_PROD, true, deployable, newest, now);

        boolean accepted = newest.map(request -> request.consume(PEOPLE, "dp-new", caller, now))
                .filter(Outcome.Accepted.class::isInstance).isPresent();
        boolean mayDeploy = caller.permissions().canBuildAndDeploy(PAYMENTS_PROD);
        assertThat(actions.contains(ImageActions.DEPLOY)).as("deploy offered to %s on %s", caller.userId(),
                newest.map(ApprovalRequest::status)).isEqualTo(mayDeploy && accepted);
    }

    @Property(tries = 500)
    void schedule_is_offered_exactly_when_a_later_deploy_would_use_the_approval(
            @ForAll("callers") Actor caller, @ForAll("requests") Optional<ApprovalRequest> stored,
            @ForAll boolean approverMayDeploy, @ForAll @IntRange(max = 48 * 60) int minutesLater,
            @ForAll @IntRange(max = 60_000) int millisLater) {
        Instant now = NOW.plus(Duration.ofMinutes(minutesLater)).plusMillis(millisLater);
        Optional<ApprovalRequest> newest = stored.map(request -> request.withPolicy(policy(approverMayDeploy)));
        boolean deployable = DeployablePolicy.deployable(true, false, newest, now);

        List<String> actions = ImageActions.allowed(caller, PAYMENTS_PROD, true, deployable, newest, now);

        // the schedule's deployment is requested at a runAt after now (ScheduledDeploy.schedule): the earliest
        // one is a millisecond later, and it must be accepted then and now (a deploy offered now)
        Instant runAt = now.plusMillis(1);
        boolean acceptedAtRun = newest.map(request -> request.consume(PEOPLE, "dp-new", caller, runAt))
                .filter(Outcome.Accepted.class::isInstance).isPresent();
        assertThat(actions.contains(ImageActions.SCHEDULE)).as("schedule offered to %s on %s at %s",
                caller.userId(), newest.map(ApprovalRequest::status), now)
                .isEqualTo(actions.contains(ImageActions.DEPLOY) && acceptedAtRun);
    }

    @Property(tries = 500)
    void request_is_offered_exactly_when_a_request_could_be_opened(@ForAll("callers") Actor caller,
                                                                   @ForAll("requests") Optional<ApprovalRequest> stored,
                                                                   @ForAll boolean needsApproval) {
        List<String> actions = ImageActions.allowed(caller, PAYMENTS_PROD, needsApproval, false, stored, NOW);

        ApprovalPolicy policy = needsApproval ? Fixtures.policy(1) : Fixtures.policy(0);
        boolean opens = ApprovalRequest.open("ar-new", IMAGE, caller, List.of(), ELIGIBLE, null, policy, NOW)
                instanceof Outcome.Accepted;
        boolean blocked = stored.filter(request -> request.status().isOpen()).isPresent();
        assertThat(actions.contains(ImageActions.REQUEST)).isEqualTo(opens && !blocked);
    }

    @Property
    void without_approvals_a_deployable_image_is_offered_to_whoever_may_deploy(@ForAll("callers") Actor caller,
                                                                             @ForAll boolean deployable) {
        List<String> actions = ImageActions.allowed(caller, PAYMENTS_PROD, false, deployable, Optional.empty(), NOW);

        assertThat(actions).isEqualTo(deployable && caller.permissions().canBuildAndDeploy(PAYMENTS_PROD)
                ? List.of(ImageActions.DEPLOY, ImageActions.SCHEDULE) : List.of());
    }

    private static ApprovalPolicy policy(boolean approverMayDeploy) {
        ApprovalPolicy base = Fixtures.policy(1);
        return new ApprovalPolicy(base.requiredApprovals(), base.approverRules(), base.approvalLifetime(),
                base.requestLifetime(), approverMayDeploy, base.automatic());
    }

    @Provide
    Arbitrary<Actor> callers() {
        return Arbitraries.of(ALICE, BOB, CAROL, CI_BOT, DAVE, ERIN, MONA);
    }

    /** No request, or one in each state a stored request can be in; approved by bob, or by bob and carol. */
    @Provide
    Arbitrary<Optional<ApprovalRequest>> requests() {
        ApprovalRequest pending = pending(1);
        ApprovalRequest approved = approvedBy(pending, BOB);
        ApprovalRequest approvedByTwo = approvedBy(pending(Fixtures.policy(2)), BOB, CAROL);
        Instant later = NOW.plusSeconds(120);
        return Arbitraries.of(Optional.empty(), Optional.of(pending), Optional.of(approved),
                Optional.of(approvedByTwo),
                Optional.of(accepted(pending.reject(PEOPLE, BOB, "no", later))),
                Optional.of(accepted(pending.cancel(ALICE, later))),
                Optional.of(accepted(approved.consume(PEOPLE, "dp-1", ALICE, later))));
    }
}
