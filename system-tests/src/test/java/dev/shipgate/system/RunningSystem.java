package dev.shipgate.system;

import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.ManagedProcess;
import dev.shipgate.testing.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
 * The whole system as it runs with {@code ./shipgate up}: the three servers and the four services' executable jars,
 * each a real process, on free ports, with the repository's seed file.
 */
final class RunningSystem implements AutoCloseable {

    static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    final LocalInfra infra;
    final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Path root = Path.of(System.getProperty("shipgate.root", "..")).toAbsolutePath().normalize();

    RunningSystem() {
        infra = LocalInfra.start();
        for (String name : List.of("approval-service", "deploy-service", "notification-service", "gateway")) {
            ports.put(name, freePort());
        }
        ports.forEach((name, port) -> services.put(name, new ManagedProcess(name, jar(name).toString(), LAUNCHER,
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), arguments(name, port),
                infra.dataDir().resolve("logs").resolve(name + ".log"))));
        services.values().forEach(ManagedProcess::start);
        services.forEach((name, process) -> process.awaitReady(Duration.ofSeconds(180),
                () -> isReady(ports.get(name))));
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    String serviceUrl(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    private List<String> arguments(String name, int port) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrap(),
                "--spring.mongodb.uri=" + infra.mongoUri(),
                "--spring.mail.port=" + infra.smtpPort(),
                "--shipgate.security.secret=" + TestTokens.SECRET,
                "--shipgate.seed-file=file:" + root.resolve("config/seed.json"),
                "--shipgate.targets.simulated.progress-time=PT2S",
                "--shipgate.outbox.poll-millis=100",
                "--logging.structured.format.console=ecs"));
        if (name.equals("gateway")) {
            args.add("--APPROVAL_SERVICE_URL=http://127.0.0.1:" + ports.get("approval-service"));
            args.add("--DEPLOY_SERVICE_URL=http://127.0.0.1:" + ports.get("deploy-service"));
            args.add("--NOTIFICATION_SERVICE_URL=http://127.0.0.1:" + ports.get("notification-service"));
        }
        return args;
    }

    private Path jar(String name) {
        try (Stream<Path> files = Files.list(root.resolve(name).resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build " + name + " first (mvn package)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isReady(int port) {
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        services.values().forEach(ManagedProcess::stop);
        infra.close();
    }
}
