package dev.shipgate.bench;

import dev.shipgate.runtime.LocalInfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./shipgate bench start [normal starts] [trained]}: how long {@code ./shipgate up} takes until every service's
 * readiness is UP, on free ports under a fresh {@code SHIPGATE_HOME} (stopped with {@code ./shipgate down} after
 * each). The first start formats the broker and seeds the database; then the normal starts reuse that data. With
 * {@code trained}, the services' jars are touched first so the first start also makes the class data sharing
 * archives (as the first {@code up} after a build does). Prints wall seconds, the CPU seconds the seven processes
 * used until then and their resident memory, and as the same-run baseline the start of a bare JVM
 * ({@code java -version}): the machine is shared, so compare the ratio.
 */
public final class StartBenchmark {

    private static final List<String> SERVICES = List.of("approval-service", "deploy-service",
            "notification-service", "gateway");
    private static final String[] PORTS = {"GATEWAY_PORT", "APPROVAL_PORT", "DEPLOY_PORT", "NOTIFICATION_PORT",
            "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGO_PORT", "SMTP_PORT", "INBOX_PORT"};

    private final Path root;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private StartBenchmark(Path root, Path home) {
        this.root = root;
        environment.put("SHIPGATE_HOME", home.toString());
        for (String port : PORTS) {
            environment.put(port, Integer.toString(LocalInfra.freePort()));
        }
    }

    /** One start: wall time until up returned (every service ready), and the processes' CPU and memory then. */
    record Start(String kind, double seconds, double cpuSeconds, long residentMiB) {
    }

    public static void main(String[] args) throws Exception {
        int normalStarts = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        boolean trained = args.length > 1 && args[1].equals("trained");
        Path root = Path.of(System.getProperty("shipgate.root", ".")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("shipgate-start-");
        StartBenchmark bench = new StartBenchmark(root, home);
        double bareJvm = bench.bareJvmSeconds();
        List<Start> starts = new ArrayList<>();
        if (trained) {
            bench.touchJars();
        }
        starts.add(bench.start(trained ? "first up, with training" : "first up (fresh data)"));
        for (int i = 0; i < normalStarts; i++) {
            starts.add(bench.start("normal up"));
        }
        double bareJvmAfter = bench.bareJvmSeconds();
        double baseline = (bareJvm + bareJvmAfter) / 2;
        System.out.printf(Locale.ROOT, "%n%-26s %10s %14s %14s %14s%n", "start", "wall s", "x bare JVM",
                "CPU s (7 JVMs)", "resident MiB");
        for (Start start : starts) {
            System.out.printf(Locale.ROOT, "%-26s %10.1f %14.0f %14.1f %14d%n", start.kind(), start.seconds(),
                    start.seconds() / baseline, start.cpuSeconds(), start.residentMiB());
        }
        System.out.printf(Locale.ROOT, "baseline: bare JVM start (java -version) %.0f ms before, %.0f ms after%n",
                bareJvm * 1000, bareJvmAfter * 1000);
    }

    /** The median of five starts of {@code java -version}. */
    double bareJvmSeconds() throws IOException, InterruptedException {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            Process java = new ProcessBuilder(javaBinary(), "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            java.waitFor();
            times.add((System.nanoTime() - started) / 1e9);
        }
        times.sort(Double::compare);
        return times.get(2);
    }

    Start start(String kind) throws IOException, InterruptedException {
        System.out.println("Starting (" + kind + ") ...");
        long started = System.nanoTime();
        int exit = script("up");
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = 0;
        long resident = 0;
        try (Stream<Path> pids = Files.list(Path.of(environment.get("SHIPGATE_HOME"), "run"))) {
            for (Path pidFile : pids.filter(p -> p.toString().endsWith(".pid")).toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                cpu += ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO)
                        .toMillis() / 1000.0;
                resident += residentBytes(pid);
            }
        } finally {
            script("down");
        }
        if (exit != 0) {
            throw new IllegalStateException("./shipgate up failed (" + exit + "); its logs are in "
                    + environment.get("SHIPGATE_HOME"));
        }
        return new Start(kind, seconds, cpu, resident >> 20);
    }

    private int script(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("shipgate").toString(), command)
                .directory(root.toFile()).inheritIO();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) { // a first up trains four services: minutes on a busy machine
            process.destroy();
            return -1;
        }
        return process.exitValue();
    }

    /** Makes every service's archive older than its jar, as a build does. */
    private void touchJars() throws IOException {
        FileTime now = FileTime.from(Instant.now());
        for (String service : SERVICES) {
            try (Stream<Path> files = Files.list(root.resolve(service).resolve("target"))) {
                for (Path jar : files.filter(p -> p.toString().endsWith("-exec.jar")).toList()) {
                    Files.setLastModifiedTime(jar, now);
                }
            }
        }
    }

    private static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process just ended
        }
        return 0;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
