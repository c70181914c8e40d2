package dev.shipgate.testing;

import dev.shipgate.runtime.JvmOptions;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.ManagedProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The system as it runs with {@code ./shipgate up}: the three servers and the services' executable jars (all four,
 * or the ones named), each a real process, on free ports, with the repository's seed file. The repository root is
 * the system property {@code shipgate.root} (the current folder's parent by default).
 *
 * <p>Each service but the gateway may run in several instances ({@link #RunningSystem(List, List, boolean, int)}):
 * each its own process on its own port with its own log ({@code <service>.log}, {@code <service>-2.log}...), the
 * gateway given all of them ({@code <SERVICE>_URLS}). {@link #services} and {@link #ports} name the first instance
 * of each; {@link #instances} all of them.
 */
public final class RunningSystem implements AutoCloseable {

    public static final List<String> ALL_SERVICES = List.of("approval-service", "deploy-service",
            "notification-service", "gateway");

    static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    public final LocalInfra infra;
    /** The first instance of each service started. */
    public final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    /** The port of the first instance of each service (of every service, started or not). */
    public final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Every instance of each service started, in order: {@code instances.get(name).get(0)} is the first. */
    public final Map<String, List<Instance>> instances = new LinkedHashMap<>();
    private final Path root = Path.of(System.getProperty("shipgate.root", "..")).toAbsolutePath().normalize();
    private final List<String> extraArguments;

    public RunningSystem() {
        this(ALL_SERVICES, List.of());
    }

    /** @param extraArguments Spring properties for every service, as {@code --name=value} */
    public RunningSystem(List<String> names, List<String> extraArguments) {
        this(names, extraArguments, true);
    }

    /**
     * @param kafkaSecure false runs the broker without authentication or ACLs and the services in plaintext: only as
     *                    the benchmarks' baseline
     */
    public RunningSystem(List<String> names, List<String> extraArguments, boolean kafkaSecure) {
        this(names, extraArguments, kafkaSecure, 1);
    }

    /**
     * @param instancesPerService how many instances of each service but the gateway (which runs once), at least 1
     */
    public RunningSystem(List<String> names, List<String> extraArguments, boolean kafkaSecure,
                         int instancesPerService) {
        if (instancesPerService < 1) {
            throw new IllegalArgumentException("at least one instance per service, not " + instancesPerService);
        }
        this.extraArguments = List.copyOf(extraArguments);
        infra = LocalInfra.start(kafkaSecure);
        Map<String, List<Integer>> instancePorts = new LinkedHashMap<>();
        for (String name : ALL_SERVICES) {
            // every port is known, so the gateway can route to the ones started
            int count = name.equals("gateway") ? 1 : instancesPerService;
            List<Integer> free = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                free.add(LocalInfra.freePort());
            }
            instancePorts.put(name, free);
            ports.put(name, free.get(0));
        }
        FastStart.train(root, names, infra);
        for (String name : names) {
            FastStart.Launch launch = FastStart.launch(root, name)
                    .orElseGet(() -> new FastStart.Launch(List.of(), jar(root, name).toString(), LAUNCHER));
            List<String> jvm = new ArrayList<>(JvmOptions.of(JvmOptions.SERVICE));
            jvm.addAll(launch.options());
            List<Instance> started = new ArrayList<>();
            List<Integer> free = instancePorts.get(name);
            for (int i = 0; i < free.size(); i++) {
                String instanceName = i == 0 ? name : name + "-" + (i + 1);
                ManagedProcess process = new ManagedProcess(instanceName, launch.classpath(), launch.mainClass(),
                        jvm, arguments(name, free.get(i), instancePorts),
                        infra.dataDir().resolve("logs").resolve(instanceName + ".log"));
                if (!name.equals("gateway")) { // the gateway does not use Kafka; each service is its own principal
                    process.withEnvironment(infra.kafkaEnvironment(name));
                }
                started.add(new Instance(instanceName, free.get(i), process));
            }
            instances.put(name, List.copyOf(started));
            services.put(name, started.get(0).process());
        }
        allInstances().forEach(instance -> instance.process().start());
        try {
            allInstances().forEach(instance -> instance.process().awaitReady(Duration.ofSeconds(180),
                    () -> isReady(instance.port())));
        } catch (RuntimeException notReady) { // the caller gets no system to close: stop what did start
            close();
            throw notReady;
        }
    }

    /**
     * One process of a service.
     *
     * @param name    the service's name, then {@code -2}, {@code -3}... for the second and later instances
     * @param port    its HTTP port
     * @param process the process: {@link ManagedProcess#kill()} SIGKILLs it, {@link ManagedProcess#start()} starts
     *                it again on the same port
     */
    public record Instance(String name, int port, ManagedProcess process) {
        public void awaitReady() {
            process.awaitReady(Duration.ofSeconds(180), () -> isReady(port));
        }
    }

    /** Every instance of every service started, service by service. */
    public List<Instance> allInstances() {
        return instances.values().stream().flatMap(List::stream).toList();
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    public String serviceUrl(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    /** Defaults for tests, each of which {@code extraArguments} may override. */
    private List<String> arguments(String name, int port, Map<String, List<Integer>> instancePorts) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("spring.mongodb.uri", infra.mongoUri());
        properties.put("spring.mail.port", Integer.toString(infra.smtpPort()));
        properties.put("shipgate.security.secret", TestTokens.SECRET);
        properties.put("shipgate.seed-file", "file:" + root.resolve("config/seed.json"));
        // the seed's weekend blackout on payments-prod would refuse the tests' deploys on Saturdays and Sundays
        properties.put("shipgate.windows.seed", "false");
        properties.put("shipgate.targets.simulated.progress-time", "PT2S");
        properties.put("shipgate.outbox.retry-millis", "100");
        properties.put("logging.structured.format.console", "ecs");
        if (name.equals("notification-service")) {
            // the tests' webhook and chat receivers run on this machine, an address webhooks may not reach otherwise
            properties.put("shipgate.webhooks.allowed-destinations", "localhost");
        }
        if (name.equals("gateway")) {
            for (String service : List.of("approval-service", "deploy-service", "notification-service")) {
                String variable = service.replace("-service", "").toUpperCase(java.util.Locale.ROOT)
                        + "_SERVICE_URLS";
                properties.put(variable, String.join(",", instancePorts.get(service).stream()
                        .map(instancePort -> "http://127.0.0.1:" + instancePort).toList()));
            }
            // a killed instance leaves the load balancer's list within a second
            properties.put("SHIPGATE_INSTANCE_CHECK_INTERVAL", "1s");
        }
        for (String extra : extraArguments) {
            String[] keyValue = extra.replaceFirst("^--", "").split("=", 2);
            properties.put(keyValue[0], keyValue[1]);
        }
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }

    static Path jar(Path root, String name) {
        try (Stream<Path> files = Files.list(root.resolve(name).resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build " + name + " first (mvn package)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isReady(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        allInstances().forEach(instance -> instance.process().stop());
        infra.close();
    }
}
