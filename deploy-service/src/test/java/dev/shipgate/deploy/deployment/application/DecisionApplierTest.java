package dev.shipgate.deploy.deployment.application;

import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy-service takes a decision only for a deployment it recorded with the same pipeline, digest and requester
 * (issue 15, item 6), without Spring, over an in-memory store.
 */
class DecisionApplierTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final PipelineImage IMAGE = new PipelineImage("payments-prod", "payments", "prod",
            "sha256:aaaa", "1.0.0");

    private final InMemoryDeployments store = new InMemoryDeployments();
    private final List<String> watched = new ArrayList<>();
    private final DecisionApplier decisions = new DecisionApplier(store, watched::add,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private Deployment recorded() {
        store.clear();
        watched.clear();
        Deployment deployment = Deployment.request("dp-1", IMAGE, "alice", null, NOW).deployment();
        store.insert(deployment, List.of());
        return deployment;
    }

    private static DeploymentAuthorized authorized(String id, PipelineImage image, String requester) {
        return new DeploymentAuthorized(id, image, requester, "ar-1", List.of("mallory"));
    }

    @Example
    void the_decision_on_the_recorded_deployment_applies_and_starts_the_rollout_watch() {
        recorded();
        assertThat(decisions.onAuthorized(authorized("dp-1", IMAGE, " Alice "))).isEqualTo(
                DecisionApplier.Outcome.APPLIED);
        assertThat(store.find("dp-1").orElseThrow().status()).isEqualTo(DeploymentStatus.AUTHORIZED);
        assertThat(watched).containsExactly("dp-1");
    }

    @Example
    void a_decision_for_a_deployment_never_requested_here_is_refused() {
        recorded();
        assertThat(decisions.onAuthorized(authorized("dp-forged", IMAGE, "alice")))
                .isEqualTo(DecisionApplier.Outcome.REFUSED);
        assertThat(store.find("dp-forged")).isEmpty();
        assertThat(watched).isEmpty();
    }

    @Example
    void a_forged_authorization_does_not_overwrite_the_real_rejection_that_follows() {
        recorded();
        PipelineImage otherImage = new PipelineImage(IMAGE.pipelineId(), IMAGE.application(), IMAGE.environment(),
                "sha256:evil", "6.6.6");
        assertThat(decisions.onAuthorized(authorized("dp-1", otherImage, "alice")))
                .isEqualTo(DecisionApplier.Outcome.REFUSED);
        assertThat(decisions.onRejected(new DeploymentRejected("dp-1", IMAGE, "alice", "NOT_APPROVED", "no")))
                .isEqualTo(DecisionApplier.Outcome.APPLIED);
        assertThat(store.find("dp-1").orElseThrow().status()).isEqualTo(DeploymentStatus.REJECTED);
        assertThat(watched).isEmpty();
    }

    @Property(tries = 200)
    void a_decision_naming_another_pipeline_digest_or_requester_changes_nothing(
            @ForAll("mismatching") Decision decision) {
        Deployment before = recorded();
        DecisionApplier.Outcome outcome = decision.authorize()
                ? decisions.onAuthorized(authorized("dp-1", decision.image(), decision.requester()))
                : decisions.onRejected(new DeploymentRejected("dp-1", decision.image(), decision.requester(),
                "NOT_APPROVED", "no"));
        assertThat(outcome).isEqualTo(DecisionApplier.Outcome.REFUSED);
        assertThat(store.find("dp-1").orElseThrow()).isEqualTo(before);
        assertThat(watched).isEmpty();
    }

    record Decision(PipelineImage image, String requester, boolean authorize) {
    }

    /** Decisions that differ from the recorded deployment in at least one of pipeline, digest and requester. */
    @Provide
    Arbitrary<Decision> mismatching() {
        Arbitrary<String> pipeline = Arbitraries.of(IMAGE.pipelineId(), "payments-staging", "orders-prod", "");
        Arbitrary<String> digest = Arbitraries.of(IMAGE.digest(), "sha256:bbbb", "sha256:AAAA", "sha256:aaaa ");
        Arbitrary<String> requester = Arbitraries.of("alice", "ALICE", " alice", "bob", "mallory", "alice2", null);
        return Combinators.combine(pipeline, digest, requester, Arbitraries.of(true, false))
                .as((p, d, r, authorize) -> new Decision(new PipelineImage(p, IMAGE.application(),
                        IMAGE.environment(), d, "1.0.0"), r, authorize))
                .filter(decision -> !(decision.image().pipelineId().equals(IMAGE.pipelineId())
                        && decision.image().digest().equals(IMAGE.digest())
                        && decision.requester() != null && decision.requester().strip().equalsIgnoreCase("alice")));
    }
}
