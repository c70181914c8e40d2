package dev.shipgate.runtime;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local default's Kafka passwords: one file {@code <principal>.password} per principal in a folder readable by
 * its owner only ({@code .shipgate/kafka-credentials} for {@code ./shipgate up}, the test data folder for
 * {@link LocalInfra}), 32 random bytes each, made on first use and kept across restarts. To rotate one, delete its
 * file and restart the broker (it stores the new SCRAM credential), then the service.
 */
public final class KafkaCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    private KafkaCredentials(Path dir) {
        this.dir = dir;
    }

    /** The credentials under {@code dir}, making the missing ones for the admin and every client principal. */
    public static KafkaCredentials in(Path folder) {
        Path dir = folder.toAbsolutePath(); // handed to processes that may run elsewhere (./shipgate train)
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            for (String principal : principalsWithAdmin()) {
                Path file = dir.resolve(principal + ".password");
                if (!Files.exists(file)) {
                    byte[] secret = new byte[32];
                    RANDOM.nextBytes(secret);
                    Path fresh = Files.createTempFile(dir, principal, ".tmp");
                    restrict(fresh, "rw-------");
                    Files.writeString(fresh, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
                    Files.move(fresh, file);
                }
            }
            return new KafkaCredentials(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public String password(String principal) {
        try {
            return Files.readString(dir.resolve(principal + ".password"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no Kafka password for " + principal, e);
        }
    }

    /** Client settings to connect as {@code principal} over SASL/SCRAM-SHA-512. */
    public Map<String, Object> clientProperties(String bootstrap, String principal) {
        return clientProperties(bootstrap, principal, password(principal));
    }

    public static Map<String, Object> clientProperties(String bootstrap, String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, KafkaAccess.SCRAM_MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas("org.apache.kafka.common.security.scram.ScramLoginModule",
                Map.of("username", user, "password", password)));
        return config;
    }

    /** A JAAS line; values are quoted, with quotes and backslashes escaped. */
    static String jaas(String loginModule, Map<String, String> options) {
        StringBuilder line = new StringBuilder(loginModule).append(" required");
        options.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(option -> line.append(' ')
                .append(option.getKey()).append("=\"")
                .append(option.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return line.append(';').toString();
    }

    static void restrict(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    static List<String> principalsWithAdmin() {
        return Stream.concat(Stream.of(KafkaAccess.ADMIN), KafkaAccess.CLIENTS.stream()).toList();
    }
}
