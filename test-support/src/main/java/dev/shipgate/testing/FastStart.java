package dev.shipgate.testing;

import dev.shipgate.runtime.LocalInfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * Services started as {@code ./shipgate up} starts them: from the unpacked jar with its class data sharing archive
 * ({@code <service>/target/fast-start}), made by {@code ./shipgate train} once after each build. A service without a
 * fresh archive starts from its executable jar, as before.
 */
final class FastStart {

    /** How to start one service: the JVM options it adds, its class path and main class. */
    record Launch(List<String> options, String classpath, String mainClass) {
    }

    private static boolean trainingTried; // once per test JVM: a failed training is not retried by every class

    private FastStart() {
    }

    /** Makes the archives that are missing or older than their jar, against these servers (about 40 s, once). */
    static synchronized void train(Path root, List<String> services, LocalInfra infra) {
        if (trainingTried || services.stream().allMatch(service -> launch(root, service).isPresent())) {
            return;
        }
        trainingTried = true;
        ProcessBuilder training = new ProcessBuilder(root.resolve("shipgate").toString(), "train")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(infra.dataDir().resolve("fast-start-training.log").toFile());
        if (infra.kafkaSecure()) { // each service trains as its own principal (the script reads its password file)
            training.environment().put("KAFKA_CREDENTIALS_DIR", infra.kafkaCredentialsDir().toString());
        } else {
            training.environment().put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
        }
        training.environment().putAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap(),
                "MONGODB_URI", infra.mongoUri(),
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(infra.smtpPort()),
                "SHIPGATE_JWT_SECRET", TestTokens.SECRET,
                "SHIPGATE_SEED_FILE", "file:" + root.resolve("config/seed.json")));
        try {
            Process process = training.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fast start of this service, when its archive is newer than its executable jar. */
    static Optional<Launch> launch(Path root, String service) {
        Path dir = root.resolve(service).resolve("target").resolve("fast-start");
        Path archive = dir.resolve(service + ".jsa");
        try (var unpacked = Files.list(dir.resolve("app"))) {
            Path app = unpacked.filter(path -> path.toString().endsWith("-exec.jar")).findFirst().orElse(null);
            Path executable = RunningSystem.jar(root, service);
            if (app == null || !Files.isRegularFile(archive)
                    || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(executable)) <= 0) {
                return Optional.empty();
            }
            try (JarFile jar = new JarFile(app.toFile())) {
                String mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
                return Optional.of(new Launch(List.of("-XX:SharedArchiveFile=" + archive), app.toString(),
                        mainClass));
            }
        } catch (IOException notThere) {
            return Optional.empty();
        }
    }
}
