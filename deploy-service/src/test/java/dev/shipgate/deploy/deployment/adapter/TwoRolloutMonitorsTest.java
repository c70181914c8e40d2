package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.testing.SteppingClock;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.deploy.deployment.application.DeploymentTarget;
import dev.shipgate.deploy.deployment.application.DeploymentUpdater;
import dev.shipgate.deploy.deployment.application.RolloutMonitor;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.adapter.PipelineStores;
import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.domain.ApprovalSettings;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.replica.adapter.AccessReplicas;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.messaging.AggregateStore;
import dev.shipgate.support.messaging.Outbox;
import dev.shipgate.support.messaging.OutboxRelay;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two rollout monitors, as two instances of deploy-service would run them, over one real database (the embedded
 * MongoDB-compatible server as a process): each deployment's rollout is started once, by the holder of its
 * pipeline's lease, and a holder that dies mid-way (no release, no shutdown hook) is taken over once its leases run
 * out, without a second rollout of a deployment it had started.
 */
class TwoRolloutMonitorsTest {

    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration FULL_READ = Duration.ofSeconds(10);
    private static final Duration TICK = Duration.ofMillis(500);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final AtomicInteger leaseCommands = new AtomicInteger();
    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(SharedInfra.get().mongoUri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    var command = event.getCommand();
                    if (command.containsKey(event.getCommandName()) && command.get(event.getCommandName()).isString()
                            && command.getString(event.getCommandName()).getValue().equals("rollout_leases")) {
                        leaseCommands.incrementAndGet();
                    }
                }
            }).build()), "two-monitors-" + UUID.randomUUID());
    private final AggregateStore store = new AggregateStore(mongo, new Outbox("test", clock, null,
            new OutboxRelay(mongo, null, List.of(), 3_600_000, 3_600_000)));
    private final MongoDeployments deployments = new MongoDeployments(mongo, store);
    private final Pipelines pipelines = PipelineStores.mongo(mongo, store, new ShortLivedCache<>(Duration.ZERO,
            clock));
    private final PipelineService pipelineService = new PipelineService(pipelines,
            AccessReplicas.mongo(mongo, new ShortLivedCache<>(Duration.ZERO, clock), clock));
    private final Rollouts rollouts = new Rollouts();

    @Test
    void two_monitors_ticking_at_once_start_each_deployment_once() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            ids.add(authorized("pl-" + p, 1));
            ids.add(authorized("pl-" + p, 2)); // supersedes the first, in order
        }
        RolloutMonitor a = monitor("a");
        RolloutMonitor b = monitor("b");

        for (int round = 0; round < 6; round++) {
            tickTogether(a, b);
            clock.step(TICK);
        }

        for (String id : ids) {
            assertThat(rollouts.startsOf(id)).as("starts of " + id).isEqualTo(1);
        }
        for (int p = 0; p < 8; p++) {
            assertThat(status("dp-pl-" + p + "-1")).isEqualTo(DeploymentStatus.SUPERSEDED);
            assertThat(status("dp-pl-" + p + "-2")).isEqualTo(DeploymentStatus.PROGRESSING);
            assertThat(rollouts.runningOn("pl-" + p)).isEqualTo("dp-pl-" + p + "-2");
        }

        rollouts.healthy.addAll(ids);
        tickTogether(a, b);
        for (int p = 0; p < 8; p++) {
            assertThat(status("dp-pl-" + p + "-2")).isEqualTo(DeploymentStatus.HEALTHY);
        }
    }

    @Test
    void holding_twenty_pipelines_costs_one_lease_command_per_tick() {
        RolloutMonitor a = monitor("a");
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            ids.add(authorized("pl-" + p, 1));
        }
        a.tick(); // takes the twenty leases and starts the twenty rollouts
        assertThat(ids).allMatch(id -> status(id) == DeploymentStatus.PROGRESSING);

        leaseCommands.set(0);
        for (int tick = 0; tick < 10; tick++) {
            clock.step(TICK);
            a.tick();
        }

        assertThat(leaseCommands.get()).isEqualTo(10);
        rollouts.healthy.addAll(ids);
        clock.step(TICK);
        a.tick(); // all healthy: the leases are released, in one more command
        assertThat(leaseCommands.get()).isEqualTo(12);
        clock.step(TICK);
        a.tick();
        assertThat(leaseCommands.get()).as("nothing in flight: no lease command").isEqualTo(12);
    }

    @Test
    void each_instance_rolls_out_what_it_authorized() {
        RolloutMonitor a = monitor("a");
        RolloutMonitor b = monitor("b");
        a.tick(); // the first full reads, on a database with nothing in flight yet
        b.tick();
        List<String> onA = List.of(authorized("pl-a1", 1), authorized("pl-a2", 1), authorized("pl-a3", 1));
        List<String> onB = List.of(authorized("pl-b1", 1), authorized("pl-b2", 1), authorized("pl-b3", 1));
        onA.forEach(a::watch); // as the consumer of each pipeline's partition would on DeploymentAuthorized
        onB.forEach(b::watch);

        for (int round = 0; round < 3; round++) {
            clock.step(TICK);
            a.tick();
            b.tick();
        }

        onA.forEach(id -> assertThat(rollouts.startedBy(id)).containsExactly("a"));
        onB.forEach(id -> assertThat(rollouts.startedBy(id)).containsExactly("b"));
    }

    @Test
    void when_the_holder_dies_mid_rollout_the_other_takes_over_without_a_second_rollout() {
        RolloutMonitor a = monitor("a");
        RolloutMonitor b = monitor("b");
        a.tick();
        b.tick();
        String following = authorized("pl-1", 1);
        String starting = authorized("pl-2", 1);
        a.watch(following);
        a.watch(starting);
        rollouts.dieAfterStarting = starting; // a is SIGKILLed after the target started it, before it is written

        clock.step(TICK);
        try {
            a.tick();
        } catch (Killed expected) {
            // a is gone: it never ticks again and releases nothing
        }
        rollouts.dieAfterStarting = null;
        assertThat(status(following)).isEqualTo(DeploymentStatus.PROGRESSING);
        assertThat(status(starting)).isEqualTo(DeploymentStatus.AUTHORIZED);
        assertThat(rollouts.runningOn("pl-2")).isEqualTo(starting);

        // b's next full read finds both, but their leases are a's until they run out
        Instant leaseEnd = clock.instant().plus(LEASE);
        for (clock.step(TICK); clock.instant().isBefore(leaseEnd); clock.step(TICK)) {
            b.tick();
            assertThat(rollouts.startedBy(starting)).containsExactly("a");
        }
        b.tick(); // at the end of a's lease

        assertThat(status(starting)).isEqualTo(DeploymentStatus.PROGRESSING);
        assertThat(rollouts.startedBy(starting)).containsExactly("a", "b");
        assertThat(rollouts.rolloutsBegun(starting)).as("rollouts begun on the target").isEqualTo(1);
        rollouts.healthy.addAll(List.of(following, starting));
        clock.step(TICK);
        b.tick();
        assertThat(status(following)).isEqualTo(DeploymentStatus.HEALTHY);
        assertThat(status(starting)).isEqualTo(DeploymentStatus.HEALTHY);
    }

    @Test
    void a_tick_slowed_past_its_leases_starts_no_older_deployment_over_the_newer_one_another_holder_started() {
        String slow = authorized("pl-0", 0);
        String older = authorized("pl-1", 1);
        String newer = authorized("pl-1", 2);
        RolloutMonitor a = monitor("a");
        RolloutMonitor b = monitor("b");
        rollouts.whileStarting.put(slow, () -> { // a's target answers after 16 s: a's leases run out meanwhile
            clock.step(LEASE.plusSeconds(1));
            b.tick(); // b takes both pipelines over and starts the newer deployment of pl-1
        });

        a.tick();

        assertThat(rollouts.runningOn("pl-1")).as("the image running on pl-1").isEqualTo(newer);
        assertThat(rollouts.startedBy(older)).doesNotContain("a");
        assertThat(status(newer)).isEqualTo(DeploymentStatus.PROGRESSING);
    }

    @Test
    void a_pipeline_another_instance_released_is_taken_at_once_for_a_deployment_this_one_authorized() {
        RolloutMonitor a = monitor("a");
        RolloutMonitor b = monitor("b");
        String first = authorized("pl-1", 1);
        a.watch(first);
        a.tick(); // a holds pl-1
        clock.step(TICK);
        b.tick(); // b's full read sees pl-1 held by a
        rollouts.healthy.add(first);
        clock.step(TICK);
        a.tick(); // healthy: a releases pl-1

        String second = authorized("pl-1", 2);
        b.watch(second);
        clock.step(TICK);
        b.tick();

        assertThat(rollouts.startedBy(second)).containsExactly("b");
    }

    private RolloutMonitor monitor(String instance) {
        return new RolloutMonitor(deployments, pipelineService, List.of(new RecordingTarget(instance, rollouts)),
                clock, Duration.ofMinutes(10), FULL_READ, new MongoLeases(mongo, "rollout_leases"),
                "deploy-service@" + instance, LEASE);
    }

    private static void tickTogether(RolloutMonitor a, RolloutMonitor b) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                together.await();
                b.tick();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        other.start();
        together.await();
        a.tick();
        other.join();
        assertThat(failure.get()).isNull();
    }

    /** An authorized deployment of the pipeline (created with it if new), {@code minute} minutes into the test. */
    private String authorized(String pipelineId, int minute) {
        if (pipelines.find(pipelineId).isEmpty()) {
            pipelines.create(new Pipeline(pipelineId, "shop", "payments", "prod", "simulated", null, "ROLLING",
                    ApprovalSettings.none(), Pipeline.Trigger.MANUAL, null, false, 0));
        }
        String id = "dp-" + pipelineId + "-" + minute;
        Instant at = clock.instant().plusSeconds(60L * minute);
        var requested = Deployment.request(id, new PipelineImage(pipelineId, "payments", "prod", "sha256:" + minute,
                "1." + minute), "alice", null, at);
        deployments.insert(requested.deployment(), requested.events());
        new DeploymentUpdater(deployments).apply(id, d -> d.authorize("ar-" + id, List.of("bob"), at));
        return id;
    }

    private DeploymentStatus status(String id) {
        return deployments.find(id).orElseThrow().status();
    }

    /**
     * The target's side, shared by both instances: like Kubernetes, a pipeline runs one deployment at a time, and
     * starting the one it runs already begins no new rollout.
     */
    static final class Rollouts {
        final Map<String, List<String>> starts = new ConcurrentHashMap<>();
        final Map<String, Integer> begun = new ConcurrentHashMap<>();
        final Map<String, String> running = new ConcurrentHashMap<>();
        final Set<String> healthy = ConcurrentHashMap.newKeySet();
        final Map<String, Runnable> whileStarting = new ConcurrentHashMap<>(); // by deployment id: a slow target
        volatile String dieAfterStarting;

        synchronized void start(String instance, Deployment deployment) {
            starts.computeIfAbsent(deployment.id(), id -> new CopyOnWriteArrayList<>()).add(instance);
            String pipelineId = deployment.image().pipelineId();
            if (!deployment.id().equals(running.get(pipelineId))) {
                running.put(pipelineId, deployment.id());
                begun.merge(deployment.id(), 1, Integer::sum);
            }
        }

        int startsOf(String id) {
            return startedBy(id).size();
        }

        List<String> startedBy(String id) {
            return starts.getOrDefault(id, List.of());
        }

        int rolloutsBegun(String id) {
            return begun.getOrDefault(id, 0);
        }

        String runningOn(String pipelineId) {
            return running.get(pipelineId);
        }
    }

    record RecordingTarget(String instance, Rollouts rollouts) implements DeploymentTarget {
        @Override
        public String name() {
            return "simulated";
        }

        @Override
        public String start(Deployment deployment, Pipeline pipeline) {
            Runnable slowly = rollouts.whileStarting.remove(deployment.id());
            if (slowly != null) {
                slowly.run();
            }
            rollouts.start(instance, deployment);
            if (deployment.id().equals(rollouts.dieAfterStarting)) {
                throw new Killed();
            }
            return "rolling out";
        }

        @Override
        public State check(Deployment deployment, Pipeline pipeline) {
            return rollouts.healthy.contains(deployment.id())
                    ? new State(DeploymentStatus.HEALTHY, "all replicas available")
                    : new State(DeploymentStatus.PROGRESSING, "pods starting");
        }
    }

    /** The process ends here: not a RuntimeException, so the monitor does not record it as a failed start. */
    static final class Killed extends Error {
    }
}
