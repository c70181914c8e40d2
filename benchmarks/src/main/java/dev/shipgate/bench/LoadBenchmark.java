package dev.shipgate.bench;

import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.ManagedProcess;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The whole system (four services, broker, database, SMTP server) under a steady mix of operations by several users,
 * on loopback: images arriving from CI, approval requests, votes, deploys, status reads, and reads of the images
 * page. Operations are sent at a fixed rate (open loop); each image goes through its whole flow, and at the end every
 * flow is checked: approved once, deployed once, healthy (or superseded by a later deploy). Prints throughput and
 * p50/p99/max per operation, deploy request to AUTHORIZED, the raw Kafka and MongoDB baselines of the same run, and
 * the CPU and memory of every process, busy and idle.
 * {@code ./shipgate bench load [seconds] [operations per second] [warm-up seconds]}.
 */
public final class LoadBenchmark {

    static final String PIPELINE = "payments-staging";
    static final int MAX_FLOWS_IN_FLIGHT = 150;
    /** Every this many operations, someone looks at the pipeline's images page instead of driving a flow. */
    static final int READ_EVERY = 10;
    static final int IDLE_SECONDS = 10;

    enum Step { IMAGE, REQUEST, VOTE, DEPLOY, STATUS, READ }

    /** One image's way through the gate. */
    static final class Flow {
        final String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        volatile String requestId;
        volatile String deploymentId;
        volatile long deployStartedNanos;
        volatile String finalStatus;
        volatile long notBefore;
        Step next = Step.IMAGE;
    }

    private final Http gateway;
    private final Map<Step, Stats> latency = new LinkedHashMap<>();
    private final Map<Step, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Queue<Flow> ready = new ConcurrentLinkedQueue<>();
    private final List<Flow> flows = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, String> bearer = new ConcurrentHashMap<>();

    LoadBenchmark(Http gateway) {
        this.gateway = gateway;
        for (Step step : Step.values()) {
            latency.put(step, new Stats());
            failures.put(step, new AtomicInteger());
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        // -Dshipgate.bench.count-commands=true: count each service's database commands (the command log costs CPU)
        boolean countCommands = Boolean.getBoolean("shipgate.bench.count-commands");
        List<String> arguments = new ArrayList<>(List.of(
                "--shipgate.gateway.rate-limit.per-second=100000", "--shipgate.gateway.rate-limit.burst=100000",
                "--shipgate.targets.simulated.progress-time=PT2S"));
        if (countCommands) {
            arguments.add(CommandCount.LOG_COMMANDS);
        }
        List<String> wrong = new ArrayList<>();
        try (RunningSystem system = new RunningSystem(RunningSystem.ALL_SERVICES, arguments);
             DeploymentStatuses statuses = new DeploymentStatuses(system.infra.kafkaClient(KafkaAccess.ADMIN))) {
            System.out.println("Measuring the Kafka and MongoDB baselines ...");
            Stats kafka = Baselines.kafkaRoundTrip(system.infra.kafkaClient(KafkaAccess.ADMIN), 300);
            Stats mongo = Baselines.mongoVersionedUpdate(system.infra.mongoUri(), 300);

            Map<String, ManagedProcess> processes = new LinkedHashMap<>(system.services);
            processes.put("kafka", system.infra.kafka());
            processes.put("mongo", system.infra.mongo());
            processes.put("smtp", system.infra.mail());
            // the JIT compilers and caches of seven JVMs settle first; those flows are checked but not measured
            System.out.printf(Locale.ROOT, "Warming up: %d operations/s for %d s ...%n", rate, warmUpSeconds);
            LoadBenchmark warmUp = new LoadBenchmark(new Http(system.gatewayUrl()));
            warmUp.run(rate, warmUpSeconds);
            warmUp.drain(90);
            wrong.addAll(warmUp.check(statuses));

            LoadBenchmark load = new LoadBenchmark(new Http(system.gatewayUrl()));
            System.out.printf(Locale.ROOT, "Idle for %d s ...%n", IDLE_SECONDS);
            Map<String, Duration> idleFrom = cpuTimes(processes);
            Thread.sleep(IDLE_SECONDS * 1000L);
            Map<String, Duration> idleTo = cpuTimes(processes);
            System.out.printf(Locale.ROOT, "Running %d operations/s for %d s ...%n", rate, seconds);
            Map<String, Duration> cpuBefore = cpuTimes(processes);
            CommandCount commands = countCommands
                    ? new CommandCount(system.infra.dataDir().resolve("logs"), RunningSystem.ALL_SERVICES) : null;
            long started = System.nanoTime();
            int sent = load.run(rate, seconds);
            double elapsed = (System.nanoTime() - started) / 1e9;
            System.out.println("Waiting for the flows in flight to end ...");
            load.drain(90);
            Map<String, Duration> cpuAfter = cpuTimes(processes);

            load.report(sent, elapsed, statuses, kafka, mongo);
            printResources(processes, new CpuWindow(idleFrom, idleTo), new CpuWindow(cpuBefore, cpuAfter), sent);
            if (commands != null) {
                commands.print(load.flows.size());
            }
            wrong.addAll(load.check(statuses));
            System.out.println(wrong.isEmpty() ? "\ncheck: all " + (warmUp.flows.size() + load.flows.size())
                    + " flows ended right (approved once, one deployment, AUTHORIZED once, HEALTHY or SUPERSEDED)"
                    : "\ncheck FAILED:\n  " + String.join("\n  ", wrong));
        }
        if (!wrong.isEmpty()) { // only now: exiting inside the try would leave the system's processes running
            System.exit(1);
        }
    }

    /**
     * Sends one operation every 1/rate s: every {@link #READ_EVERY}th a read of the images page, else the next step
     * of a flow when one is due, else a new flow (a read when {@link #MAX_FLOWS_IN_FLIGHT} are under way).
     */
    int run(int rate, int seconds) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(64);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        int sent = 0;
        for (long due = start; due < end; due += interval) {
            LockSupport.parkNanos(due - System.nanoTime());
            Flow flow = sent % READ_EVERY == READ_EVERY - 1 ? null : nextDueOrNew();
            workers.execute(flow == null ? this::read : () -> advance(flow));
            sent++;
        }
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        return sent;
    }

    void drain(int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < end) {
            Flow flow = nextDue();
            if (flow == null) {
                Thread.sleep(20);
            } else {
                advance(flow);
            }
        }
    }

    private Flow nextDueOrNew() {
        Flow flow = nextDue();
        if (flow == null && inFlight.get() < MAX_FLOWS_IN_FLIGHT) {
            flow = new Flow();
            synchronized (flows) {
                flows.add(flow);
            }
            inFlight.incrementAndGet();
        }
        return flow;
    }

    private Flow nextDue() {
        int size = ready.size();
        for (int i = 0; i < size; i++) {
            Flow flow = ready.poll();
            if (flow == null) {
                return null;
            }
            if (flow.notBefore <= System.nanoTime()) {
                return flow;
            }
            ready.add(flow);
        }
        return null;
    }

    private void advance(Flow flow) {
        Step step = flow.next;
        long start = System.nanoTime();
        Http.Response response = call(flow, step);
        long took = System.nanoTime() - start;
        if (response == null || response.status() >= 500 || response.status() == 429) {
            failures.get(step).incrementAndGet();
            later(flow, step, 200);
            return;
        }
        latency.get(step).add(took);
        switch (step) {
            case IMAGE -> later(flow, Step.REQUEST, 0);
            case REQUEST -> {
                flow.requestId = response.json().path("id").asString();
                later(flow, Step.VOTE, 0);
            }
            case VOTE -> later(flow, Step.DEPLOY, 0);
            case DEPLOY -> {
                if (response.status() == 404) { // the image has not reached deploy-service yet
                    later(flow, Step.DEPLOY, 100);
                    return;
                }
                flow.deploymentId = response.json().path("id").asString();
                flow.deployStartedNanos = start;
                later(flow, Step.STATUS, 500);
            }
            case STATUS -> {
                String status = response.json().path("status").asString();
                if (DeploymentStatusChanged.Status.named(status).filter(s -> !s.isPending()).isPresent()) {
                    flow.finalStatus = status;
                    inFlight.decrementAndGet();
                } else {
                    later(flow, Step.STATUS, 500);
                }
            }
            default -> throw new IllegalStateException(step.name());
        }
    }

    private void later(Flow flow, Step step, long millis) {
        flow.next = step;
        flow.notBefore = System.nanoTime() + millis * 1_000_000L;
        ready.add(flow);
    }

    private Http.Response call(Flow flow, Step step) {
        try {
            return switch (step) {
                case IMAGE -> gateway.postWithAuthorization(bearer("ci-bot"), "/api/images", Map.of("digest",
                        flow.digest, "repository", "registry.local/payments", "tag", "load", "application",
                        "payments"));
                case REQUEST -> gateway.postWithAuthorization(bearer("alice"), "/api/approval-requests", Map.of(
                        "pipelineId", PIPELINE, "imageDigest", flow.digest, "approvers", List.of("bob")));
                case VOTE -> gateway.postWithAuthorization(bearer("bob"), "/api/approval-requests/"
                        + flow.requestId + "/approve", null);
                case DEPLOY -> gateway.postWithAuthorization(bearer("alice"), "/api/pipelines/" + PIPELINE
                        + "/deployments", Map.of("imageDigest", flow.digest));
                case STATUS -> gateway.getWithAuthorization(bearer("alice"), "/api/deployments/"
                        + flow.deploymentId);
                default -> throw new IllegalStateException(step.name());
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void read() {
        long start = System.nanoTime();
        try {
            Http.Response response = gateway.getWithAuthorization(bearer("erin"), "/api/pipelines/" + PIPELINE
                    + "/images?size=20");
            if (response.status() == 200) {
                latency.get(Step.READ).add(System.nanoTime() - start);
            } else {
                failures.get(Step.READ).incrementAndGet();
            }
        } catch (RuntimeException e) {
            failures.get(Step.READ).incrementAndGet();
        }
    }

    private String bearer(String user) {
        return bearer.computeIfAbsent(user, u -> "Bearer " + TestTokens.forUser(u));
    }

    List<String> check(DeploymentStatuses statuses) {
        List<String> wrong = new ArrayList<>();
        for (Flow flow : flows) {
            if (flow.finalStatus == null) {
                wrong.add(flow.digest + " did not finish (at " + flow.next + ")");
                continue;
            }
            if (!DeploymentStatusChanged.Status.valueOf(flow.finalStatus).endedWell()) {
                wrong.add(flow.digest + " ended " + flow.finalStatus);
            }
            int authorized = statuses.authorizedEvents.getOrDefault(flow.deploymentId, Set.of()).size();
            if (authorized != 1) {
                wrong.add(flow.deploymentId + " AUTHORIZED " + authorized + " times");
            }
            Http.Response request = gateway.getWithAuthorization(bearer("alice"), "/api/approval-requests/"
                    + flow.requestId);
            if (request.json().path("approvals").asInt() != 1) {
                wrong.add(flow.requestId + " has " + request.json().path("approvals").asInt() + " approvals");
            }
        }
        return wrong;
    }

    void report(int sent, double elapsed, DeploymentStatuses statuses, Stats kafka, Stats mongo) {
        System.out.printf(Locale.ROOT, "%nsent %d operations in %.1f s: %.0f operations/s; %d flows%n", sent, elapsed,
                sent / elapsed, flows.size());
        System.out.printf(Locale.ROOT, "%-34s %8s %8s %10s %10s %10s %8s%n", "operation", "count", "per s", "p50 ms",
                "p99 ms", "max ms", "retried");
        latency.forEach((step, stats) -> System.out.printf(Locale.ROOT, "%-34s %8d %8.1f %10.1f %10.1f %10.1f %8d%n",
                step.name().toLowerCase(Locale.ROOT), stats.count(), stats.count() / elapsed,
                stats.percentileMillis(50), stats.percentileMillis(99), stats.maxMillis(), failures.get(step).get()));
        Stats toAuthorized = new Stats();
        for (Flow flow : flows) {
            Long at = flow.deploymentId == null ? null : statuses.authorizedAt.get(flow.deploymentId);
            if (at != null) {
                toAuthorized.add(at - flow.deployStartedNanos);
            }
        }
        System.out.printf(Locale.ROOT, "%-34s %8d %8s %10.1f %10.1f %10.1f%n", "deploy request -> AUTHORIZED",
                toAuthorized.count(), "", toAuthorized.percentileMillis(50), toAuthorized.percentileMillis(99),
                toAuthorized.maxMillis());
        System.out.printf(Locale.ROOT, "%-34s %8d %8s %10.1f %10.1f %10.1f%n", "baseline Kafka round trip",
                kafka.count(), "", kafka.percentileMillis(50), kafka.percentileMillis(99), kafka.maxMillis());
        System.out.printf(Locale.ROOT, "%-34s %8d %8s %10.1f %10.1f %10.1f%n", "baseline MongoDB versioned update",
                mongo.count(), "", mongo.percentileMillis(50), mongo.percentileMillis(99), mongo.maxMillis());
        System.out.printf(Locale.ROOT, "ratios: deploy -> AUTHORIZED p99 = %.1fx the Kafka round trip p99; "
                        + "vote p99 = %.1fx the MongoDB update p99%n",
                toAuthorized.percentileMillis(99) / kafka.percentileMillis(99),
                latency.get(Step.VOTE).percentileMillis(99) / mongo.percentileMillis(99));
        System.out.printf(Locale.ROOT, "AUTHORIZED events delivered again (same event id, skipped by consumers): %d%n",
                statuses.redeliveries.get());
    }

    /** The driver's own CPU counts too: it shares the two cores with the system it measures. */
    static Map<String, Duration> cpuTimes(Map<String, ManagedProcess> processes) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        processes.forEach((name, process) -> cpu.put(name, process.cpuTime()));
        cpu.put("load driver", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        return cpu;
    }

    /** CPU time each process used between two moments. */
    record CpuWindow(Map<String, Duration> from, Map<String, Duration> to) {
        double seconds(String process) {
            return to.get(process).minus(from.get(process)).toMillis() / 1000.0;
        }
    }

    /**
     * Where the CPU went: idle (per second of the idle window: the cost of polling and housekeeping) and busy (per
     * operation sent, from the start of the run to the end of the drain); and the memory of every process.
     */
    private static void printResources(Map<String, ManagedProcess> processes, CpuWindow idle, CpuWindow busy,
                                       int sent) {
        System.out.printf(Locale.ROOT, "%-22s %16s %12s %14s %14s%n", "process", "idle CPU ms/s", "busy CPU s",
                "CPU ms / op", "resident MiB");
        double idleTotal = 0;
        double busyTotal = 0;
        long memoryTotal = 0;
        for (String name : busy.to().keySet()) {
            ManagedProcess process = processes.get(name);
            long memory = process == null ? 0 : process.residentBytes();
            idleTotal += idle.seconds(name);
            busyTotal += busy.seconds(name);
            memoryTotal += memory;
            System.out.printf(Locale.ROOT, "%-22s %16.1f %12.1f %14.2f %14s%n", name,
                    idle.seconds(name) * 1000 / IDLE_SECONDS, busy.seconds(name), busy.seconds(name) * 1000 / sent,
                    process == null ? "-" : Long.toString(memory >> 20));
        }
        System.out.printf(Locale.ROOT, "%-22s %16.1f %12.1f %14.2f %14d%n", "total", idleTotal * 1000 / IDLE_SECONDS,
                busyTotal, busyTotal * 1000 / sent, memoryTotal >> 20);
    }
}
