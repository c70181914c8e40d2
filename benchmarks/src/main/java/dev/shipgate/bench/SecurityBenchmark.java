package dev.shipgate.bench;

import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.ManagedProcess;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Kafka's authentication and ACLs cost: the same system run twice in one go, first on a plaintext broker with
 * no authorizer (the baseline, and the only use of that mode), then as it runs by default (SASL/SCRAM-SHA-512 on every
 * connection, StandardAuthorizer, each service its own principal). For each: the broker's start until its users,
 * topics and ACLs are in place, the four services' start together (from their fast-start archives) until all are
 * ready, and the load benchmark's mix after a warm-up, as CPU per operation of every process (ms of CPU time per
 * operation sent). Prints both and the ratios, SCRAM over plaintext.
 * {@code ./shipgate bench security [seconds] [operations per second] [warm-up seconds]}.
 */
public final class SecurityBenchmark {

    record Figures(Duration brokerStart, Duration servicesStart, Map<String, Double> cpuPerOperation, int sent,
                   List<String> wrong) {
    }

    private SecurityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Figures plaintext = measure(false, seconds, rate, warmUpSeconds);
        Figures scram = measure(true, seconds, rate, warmUpSeconds);
        print(plaintext, scram, seconds, rate);
        List<String> wrong = new ArrayList<>(plaintext.wrong());
        wrong.addAll(scram.wrong());
        if (!wrong.isEmpty()) {
            System.out.println("check FAILED:\n  " + String.join("\n  ", wrong));
            System.exit(1);
        }
    }

    static Figures measure(boolean secure, int seconds, int rate, int warmUpSeconds) throws Exception {
        String mode = secure ? "SASL/SCRAM + ACLs" : "plaintext";
        System.out.printf(Locale.ROOT, "%n== %s: starting the system ...%n", mode);
        try (RunningSystem system = new RunningSystem(RunningSystem.ALL_SERVICES, List.of(
                "--shipgate.gateway.rate-limit.per-second=100000", "--shipgate.gateway.rate-limit.burst=100000",
                "--shipgate.targets.simulated.progress-time=PT2S"), secure);
             DeploymentStatuses statuses = new DeploymentStatuses(system.infra.kafkaClient(KafkaAccess.ADMIN))) {
            // start times once the system is there (the first start may also train the fast-start archives)
            Duration brokerStart = timed(() -> {
                system.infra.kafka().stop();
                system.infra.kafka().start();
                system.infra.awaitKafka();
            });
            for (String name : RunningSystem.ALL_SERVICES) {
                system.services.get(name).awaitReady(Duration.ofSeconds(120),
                        () -> RunningSystem.isReady(system.ports.get(name)));
            }
            Duration servicesStart = timed(() -> {
                system.services.values().forEach(ManagedProcess::stop);
                system.services.values().forEach(ManagedProcess::start);
                system.services.forEach((name, process) -> process.awaitReady(Duration.ofSeconds(180),
                        () -> RunningSystem.isReady(system.ports.get(name))));
            });

            Map<String, ManagedProcess> processes = new LinkedHashMap<>(system.services);
            processes.put("kafka", system.infra.kafka());
            processes.put("mongo", system.infra.mongo());
            processes.put("smtp", system.infra.mail());
            System.out.printf(Locale.ROOT, "%s: warming up, %d operations/s for %d s ...%n", mode, rate,
                    warmUpSeconds);
            LoadBenchmark warmUp = new LoadBenchmark(new Http(system.gatewayUrl()));
            warmUp.run(rate, warmUpSeconds);
            warmUp.drain(90);
            List<String> wrong = new ArrayList<>(warmUp.check(statuses));
            System.out.printf(Locale.ROOT, "%s: %d operations/s for %d s ...%n", mode, rate, seconds);
            LoadBenchmark load = new LoadBenchmark(new Http(system.gatewayUrl()));
            Map<String, Duration> before = LoadBenchmark.cpuTimes(processes);
            int sent = load.run(rate, seconds);
            load.drain(90);
            Map<String, Duration> after = LoadBenchmark.cpuTimes(processes);
            wrong.addAll(load.check(statuses));
            Map<String, Double> perOperation = new LinkedHashMap<>();
            double total = 0;
            for (String name : before.keySet()) {
                double ms = after.get(name).minus(before.get(name)).toNanos() / 1e6 / sent;
                perOperation.put(name, ms);
                total += ms;
            }
            perOperation.put("total", total);
            wrong.replaceAll(w -> mode + ": " + w);
            return new Figures(brokerStart, servicesStart, perOperation, sent, wrong);
        }
    }

    private static void print(Figures plaintext, Figures scram, int seconds, int rate) {
        System.out.printf(Locale.ROOT, "%nKafka security cost, same run, %d operations/s for %d s (%d and %d sent)%n",
                rate, seconds, plaintext.sent(), scram.sent());
        System.out.printf(Locale.ROOT, "%-36s %12s %14s %8s%n", "", "plaintext", "SCRAM + ACLs", "ratio");
        row("broker start to ready (s)", seconds(plaintext.brokerStart()), seconds(scram.brokerStart()));
        row("four services start to ready (s)", seconds(plaintext.servicesStart()), seconds(scram.servicesStart()));
        for (String name : plaintext.cpuPerOperation().keySet()) {
            row("CPU ms / op: " + name, plaintext.cpuPerOperation().get(name), scram.cpuPerOperation().get(name));
        }
    }

    private static void row(String what, double plaintext, double scram) {
        System.out.printf(Locale.ROOT, "%-36s %12.2f %14.2f %7.2fx%n", what, plaintext, scram, scram / plaintext);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    interface Step {
        void run() throws Exception;
    }

    private static Duration timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
