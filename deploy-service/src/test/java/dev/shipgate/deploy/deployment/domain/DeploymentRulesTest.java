package dev.shipgate.deploy.deployment.domain;

import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment lifecycle, without any framework. */
class DeploymentRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final PipelineImage IMAGE = new PipelineImage("pl-1", "payments", "prod", "sha256:ab", "1.0.0");

    private static Deployment requested() {
        return Deployment.request("dp-1", IMAGE, "alice", null, NOW).deployment();
    }

    private static Deployment progressing() {
        return requested().authorize("ar-1", List.of("bob"), NOW).orElseThrow().deployment()
                .startProgressing("rolling out", NOW).orElseThrow().deployment();
    }

    @Test
    void a_request_asks_approval_service_and_starts_the_timeline() {
        var transition = Deployment.request("dp-1", IMAGE, "alice", null, NOW);

        assertThat(transition.deployment().status()).isEqualTo(DeploymentStatus.REQUESTED);
        assertThat(transition.events()).hasSize(2);
        assertThat(transition.events().get(0)).isInstanceOf(DeploymentRequested.class);
        assertThat(((DeploymentStatusChanged) transition.events().get(1)).status()).isEqualTo("REQUESTED");
    }

    @Test
    void a_request_made_with_an_api_token_carries_it_to_approval_service_and_the_timeline() {
        Channel token = Channel.apiToken("tok-1", "nightly deploy");

        var transition = Deployment.request("dp-1", IMAGE, "alice", null, token, NOW);

        assertThat(((DeploymentRequested) transition.events().get(0)).channel()).isEqualTo(token);
        assertThat(transition.deployment().timeline().get(0).detail())
                .isEqualTo("deploy 1.0.0 requested by alice via API token tok-1 (nightly deploy)");
    }

    @Test
    void a_decision_applies_once_and_only_to_a_requested_deployment() {
        var authorized = requested().authorize("ar-1", List.of("bob"), NOW).orElseThrow().deployment();

        assertThat(authorized.status()).isEqualTo(DeploymentStatus.AUTHORIZED);
        assertThat(authorized.approvalRequestId()).isEqualTo("ar-1");
        assertThat(authorized.authorize("ar-1", List.of("bob"), NOW).refusal()).map(Refusal::reason)
                .contains(DeployRefusal.DEPLOYMENT_ALREADY_DECIDED.name());
        assertThat(authorized.reject("EXPIRED", "too late", NOW).refusal()).map(Refusal::reason)
                .contains(DeployRefusal.DEPLOYMENT_ALREADY_DECIDED.name());
    }

    @Test
    void a_rejection_ends_the_deployment_with_the_reason_on_its_timeline() {
        var transition = requested().reject("PARTIALLY_APPROVED", "the image has 1 of 2 approvals", NOW)
                .orElseThrow();
        var rejected = transition.deployment();

        assertThat(rejected.status()).isEqualTo(DeploymentStatus.REJECTED);
        assertThat(rejected.timeline().get(1).detail()).contains("PARTIALLY_APPROVED");
        assertThat(rejected.rejection()).isEqualTo(
                new Deployment.Rejection("PARTIALLY_APPROVED", "the image has 1 of 2 approvals"));
        assertThat(rejected.startProgressing("x", NOW).refusal()).map(Refusal::reason)
                .contains(DeployRefusal.DEPLOYMENT_NOT_AUTHORIZED.name());
    }

    @Test
    void a_deployment_an_approval_started_names_that_approval_and_its_people_from_the_start_to_the_end() {
        var started = Deployment.requestByApproval("auto-ar-7", IMAGE, "alice", "ar-7", List.of("bob", "carol"), NOW);

        assertThat(started.deployment().timeline().get(0).detail())
                .contains("approval ar-7", "requested by alice", "approved by bob, carol");
        var requestedEvent = (DeploymentStatusChanged) started.events().get(1);
        assertThat(requestedEvent.approvalRequestId()).isEqualTo("ar-7");
        assertThat(requestedEvent.approvedBy()).containsExactly("bob", "carol");
        var progressing = started.deployment().authorize("ar-7", List.of("bob", "carol"), NOW).orElseThrow()
                .deployment().startProgressing("rolling out", NOW).orElseThrow();
        var event = (DeploymentStatusChanged) progressing.events().get(0);
        assertThat(event.status()).isEqualTo("PROGRESSING");
        assertThat(event.approvalRequestId()).isEqualTo("ar-7");
        assertThat(event.approvedBy()).containsExactly("bob", "carol");
    }

    @Test
    void only_an_authorized_deployment_starts_and_only_a_progressing_one_finishes() {
        assertThat(requested().startProgressing("x", NOW).refusal()).map(Refusal::reason)
                .contains(DeployRefusal.DEPLOYMENT_NOT_AUTHORIZED.name());
        assertThat(requested().finish(DeploymentStatus.HEALTHY, "x", NOW).refusal()).map(Refusal::reason)
                .contains(DeployRefusal.DEPLOYMENT_NOT_PROGRESSING.name());

        var healthy = progressing().finish(DeploymentStatus.HEALTHY, "all replicas available", NOW.plusSeconds(30))
                .orElseThrow().deployment();

        assertThat(healthy.status()).isEqualTo(DeploymentStatus.HEALTHY);
        assertThat(healthy.timeline()).extracting(TimelineEntry::status).containsExactly(DeploymentStatus.REQUESTED,
                DeploymentStatus.AUTHORIZED, DeploymentStatus.PROGRESSING, DeploymentStatus.HEALTHY);
        assertThat(healthy.finish(DeploymentStatus.FAILED, "x", NOW).refusal()).map(Refusal::detail)
                .contains("deployment dp-1 is HEALTHY, only a PROGRESSING one ends FAILED");
    }

    @Test
    void a_newer_deployment_supersedes_the_active_or_in_flight_one_but_not_a_finished_failure() {
        var healthy = progressing().finish(DeploymentStatus.HEALTHY, "ok", NOW).orElseThrow().deployment();
        var failed = progressing().finish(DeploymentStatus.FAILED, "crash", NOW).orElseThrow().deployment();

        assertThat(healthy.supersede("dp-2", NOW).orElseThrow().deployment().status())
                .isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(progressing().supersede("dp-2", NOW).refusal()).isEmpty();
        assertThat(failed.supersede("dp-2", NOW).refusal()).map(Refusal::reason)
                .contains(DeployRefusal.DEPLOYMENT_NOT_LIVE.name());
    }

    @Test
    void a_rollback_says_what_it_rolls_back_to() {
        var rollback = Deployment.request("dp-3", IMAGE, "alice", "dp-1", NOW).deployment();

        assertThat(rollback.rollbackOf()).isEqualTo("dp-1");
        assertThat(rollback.timeline().get(0).detail()).contains("rollback to 1.0.0 (deployment dp-1)");
    }

    @Test
    void a_decision_about_another_pipeline_image_or_requester_is_refused_as_for_another_deployment() {
        PipelineImage otherPipeline = new PipelineImage("pl-2", "payments", "prod", "sha256:ab", "1.0.0");
        PipelineImage otherDigest = new PipelineImage("pl-1", "payments", "prod", "sha256:cd", "1.0.0");

        assertThat(List.of(requested().mismatchWith(otherPipeline, "alice"),
                requested().mismatchWith(otherDigest, "alice"), requested().mismatchWith(IMAGE, "bob")))
                .allSatisfy(mismatch -> assertThat(mismatch).map(Refusal::reason)
                        .contains(DeployRefusal.DECISION_FOR_ANOTHER_DEPLOYMENT.name()));
        assertThat(requested().mismatchWith(IMAGE, " Alice ")).isEmpty(); // the same user, canonical form
    }
}
