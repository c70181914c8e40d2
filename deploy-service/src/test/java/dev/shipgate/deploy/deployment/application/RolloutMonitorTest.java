package dev.shipgate.deploy.deployment.application;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.deployment.domain.TimelineEntry;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollout monitor through its ports, without Spring or a database: in-memory deployments, leases and pipelines, a
 * scripted target and a stepping clock. Each test names the rule it holds the monitor to.
 */
class RolloutMonitorTest {

    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration FULL_READ = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final String ME = "deploy-service@a";

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final InMemoryDeployments deployments = new InMemoryDeployments();
    private final InMemoryLeases leases = new InMemoryLeases();
    private final InMemoryPipelines pipelines = new InMemoryPipelines();
    private final ScriptedTarget target = new ScriptedTarget();
    private final RolloutMonitor monitor = new RolloutMonitor(deployments,
            new PipelineService(pipelines, new NoAccess()), List.of(target), clock, ROLLOUT_TIMEOUT, FULL_READ,
            leases, ME, LEASE);

    @Test
    void an_authorized_deployment_is_started_on_its_target_and_moves_to_progressing() {
        pipelines.add("pl-1", "simulated");
        String id = authorized("pl-1");

        monitor.tick();

        assertThat(target.started).containsExactly(id);
        assertThat(status(id)).isEqualTo(DeploymentStatus.PROGRESSING);
    }

    @Test
    void starting_a_deployment_supersedes_the_older_live_ones_of_its_pipeline() {
        pipelines.add("pl-1", "simulated");
        String older = authorized("pl-1");
        monitor.tick();
        target.answer(older, DeploymentStatus.HEALTHY);
        monitor.tick();
        clock.step(Duration.ofSeconds(1));
        String newer = authorized("pl-1");

        monitor.watch(newer);
        monitor.tick();

        assertThat(status(older)).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(status(newer)).isEqualTo(DeploymentStatus.PROGRESSING);
    }

    @Test
    void a_rollout_ends_with_what_the_target_reports() {
        pipelines.add("pl-1", "simulated");
        String id = authorized("pl-1");
        monitor.tick();

        target.answer(id, DeploymentStatus.DEGRADED);
        clock.step(Duration.ofSeconds(1));
        monitor.tick();

        assertThat(status(id)).isEqualTo(DeploymentStatus.DEGRADED);
    }

    @Test
    void a_rollout_still_progressing_after_the_rollout_timeout_times_out() {
        pipelines.add("pl-1", "simulated");
        String id = authorized("pl-1");
        monitor.tick();

        clock.step(ROLLOUT_TIMEOUT);
        monitor.tick();
        assertThat(status(id)).as("at the timeout itself").isEqualTo(DeploymentStatus.PROGRESSING);
        clock.step(Duration.ofSeconds(1));
        monitor.tick();

        assertThat(status(id)).isEqualTo(DeploymentStatus.TIMED_OUT);
    }

    @Test
    void a_deployment_whose_pipeline_has_no_such_target_fails_without_a_start() {
        pipelines.add("pl-1", "nowhere");
        String id = authorized("pl-1");

        monitor.tick();

        assertThat(target.started).isEmpty();
        assertThat(status(id)).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void a_target_that_cannot_start_the_rollout_fails_the_deployment() {
        pipelines.add("pl-1", "simulated");
        String id = authorized("pl-1");
        target.refuseToStart = true;

        monitor.tick();

        assertThat(status(id)).isEqualTo(DeploymentStatus.FAILED);
        List<TimelineEntry> timeline = deployments.find(id).orElseThrow().timeline();
        assertThat(timeline.get(timeline.size() - 1).detail()).startsWith("the target could not start it");
    }

    @Test
    void a_pipeline_another_instance_holds_is_left_to_it_until_its_lease_runs_out() {
        pipelines.add("pl-1", "simulated");
        String id = authorized("pl-1");
        Instant otherUntil = clock.instant().plus(LEASE);
        leases.hold(Set.of("pl-1"), "deploy-service@b", clock.instant(), otherUntil);

        monitor.tick();
        clock.step(FULL_READ);
        monitor.tick();
        assertThat(target.started).as("while the other instance holds the pipeline").isEmpty();

        clock.step(LEASE); // the other instance died: its lease ran out; the next full read finds the deployment
        monitor.tick();
        assertThat(target.started).containsExactly(id);
    }

    @Test
    void a_pipeline_with_nothing_left_in_flight_is_released_for_other_instances() {
        pipelines.add("pl-1", "simulated");
        String id = authorized("pl-1");
        monitor.tick();
        assertThat(leases.hold(Set.of("pl-1"), "deploy-service@b", clock.instant(), clock.instant().plus(LEASE))
                .get("pl-1").holder()).as("held while in flight").isEqualTo(ME);

        target.answer(id, DeploymentStatus.HEALTHY);
        monitor.tick();

        assertThat(leases.hold(Set.of("pl-1"), "deploy-service@b", clock.instant(), clock.instant().plus(LEASE))
                .get("pl-1").holder()).isEqualTo("deploy-service@b");
    }

    @Test
    void a_tick_that_reaches_a_deployment_after_half_the_lease_leaves_it_to_the_next_tick() {
        pipelines.add("pl-1", "simulated");
        pipelines.add("pl-2", "simulated");
        String first = authorized("pl-1");
        String second = authorized("pl-2");
        target.slowStart = LEASE.dividedBy(2).plusSeconds(1); // the first start takes longer than half the lease

        monitor.tick();
        assertThat(target.started).as("the slow tick stops acting").containsExactly(first);
        target.slowStart = Duration.ZERO;
        monitor.tick();

        assertThat(target.started).containsExactly(first, second);
    }

    private String authorized(String pipelineId) {
        String id = "dp-" + (deployments.withStatus(List.of(DeploymentStatus.values()), 1000).size() + 1);
        var requested = Deployment.request(id, new PipelineImage(pipelineId, "payments", "prod", "sha256:" + id,
                "1.0." + id.length()), "alice", null, clock.instant());
        deployments.insert(requested.deployment(), requested.events());
        new DeploymentUpdater(deployments).apply(id, d -> d.authorize("ar-" + id, List.of("bob"), clock.instant()));
        return id;
    }

    private DeploymentStatus status(String id) {
        return deployments.find(id).orElseThrow().status();
    }

    /** A target that records its starts and answers each check as told (PROGRESSING until then). */
    private final class ScriptedTarget implements DeploymentTarget {
        final List<String> started = new ArrayList<>();
        final Map<String, DeploymentStatus> answers = new HashMap<>();
        boolean refuseToStart;
        Duration slowStart = Duration.ZERO;

        void answer(String deploymentId, DeploymentStatus status) {
            answers.put(deploymentId, status);
        }

        @Override
        public String name() {
            return "simulated";
        }

        @Override
        public String start(Deployment deployment, Pipeline pipeline) {
            if (refuseToStart) {
                throw new IllegalStateException("cluster unreachable");
            }
            started.add(deployment.id());
            clock.step(slowStart);
            return "rolling out";
        }

        @Override
        public State check(Deployment deployment, Pipeline pipeline) {
            return new State(answers.getOrDefault(deployment.id(), DeploymentStatus.PROGRESSING), "checked");
        }
    }

    /** The monitor asks no permissions: it acts for the service, not for a user. */
    private static final class NoAccess implements AccessReplica {
        @Override
        public void apply(UserAccessChanged access) {
        }

        @Override
        public boolean hasMembers(String group) {
            return false;
        }

        @Override
        public Permissions permissions(String userId) {
            return Permissions.none(userId);
        }
    }
}
