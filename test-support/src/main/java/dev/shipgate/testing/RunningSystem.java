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
 */
public final class RunningSystem implements AutoCloseable {

    public static final List<String> ALL_SERVICES = List.of("approval-service", "deploy-service",
            "notification-service", "gateway");

    static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    public final LocalInfra infra;
    public final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    public final Map<String, Integer> ports = new LinkedHashMap<>();
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
        this.extraArguments = List.copyOf(extraArguments);
        infra = LocalInfra.start(kafkaSecure);
        for (String name : ALL_SERVICES) {
            // every port is known, so the gateway can route to the ones started
            ports.put(name, LocalInfra.freePort());
        }
        FastStart.train(root, names, infra);
        for (String name : names) {
            FastStart.Launch launch = FastStart.launch(root, name)
                    .orElseGet(() -> new FastStart.Launch(List.of(), jar(root, name).toString(), LAUNCHER));
            List<String> jvm = new ArrayList<>(JvmOptions.of(JvmOptions.SERVICE));
            jvm.addAll(launch.options());
            ManagedProcess process = new ManagedProcess(name, launch.classpath(), launch.mainClass(), jvm,
                    arguments(name, ports.get(name)), infra.dataDir().resolve("logs").resolve(name + ".log"));
            if (!name.equals("gateway")) { // the gateway does not use Kafka; each service is its own principal
                process.withEnvironment(infra.kafkaEnvironment(name));
            }
            services.put(name, process);
        }
        services.values().forEach(ManagedProcess::start);
        try {
            services.forEach((name, process) -> process.awaitReady(Duration.ofSeconds(180),
                    () -> isReady(ports.get(name))));
        } catch (RuntimeException notReady) { // the caller gets no system to close: stop what did start
            close();
            throw notReady;
        }
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    public String serviceUrl(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    /** Defaults for tests, each of which {@code extraArguments} may override. */
    private List<String> arguments(String name, int port) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("spring.mongodb.uri", infra.mongoUri());
        properties.put("spring.mail.port", Integer.toString(infra.smtpPort()));
        properties.put("shipgate.security.secret", TestTokens.SECRET);
        properties.put("shipgate.seed-file", "file:" + root.resolve("config/seed.json"));
        properties.put("shipgate.targets.simulated.progress-time", "PT2S");
        properties.put("shipgate.outbox.retry-millis", "100");
        properties.put("logging.structured.format.console", "ecs");
        if (name.equals("gateway")) {
            properties.put("APPROVAL_SERVICE_URL", "http://127.0.0.1:" + ports.get("approval-service"));
            properties.put("DEPLOY_SERVICE_URL", "http://127.0.0.1:" + ports.get("deploy-service"));
            properties.put("NOTIFICATION_SERVICE_URL", "http://127.0.0.1:" + ports.get("notification-service"));
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
        services.values().forEach(ManagedProcess::stop);
        infra.close();
    }
}
