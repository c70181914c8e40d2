package dev.shipgate.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The three servers of the local default (Kafka, MongoDB-compatible, SMTP) as real child processes on free loopback
 * ports, for tests. Each can be stopped, killed and started again to test faults.
 */
public final class LocalInfra implements AutoCloseable {

    /** The servers' own quiet logging setup, on the classpath of this module. */
    static final String LOGGING = "-Dlogback.configurationFile=shipgate-runtime-logback.xml";
    /** Above MongoDB's 27017, so tests never take the port of a local default that starts later. */
    static final int LOWEST_CHOSEN_PORT = 28000;
    /** The ports {@link #freePort} gave out in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final int kafkaPort;
    private final int mongoPort;
    private final int smtpPort;
    private final int inboxPort;
    private final ManagedProcess kafka;
    private final ManagedProcess mongo;
    private final ManagedProcess mail;
    /** Null when the broker runs open (plaintext): the benchmarks' baseline only. */
    private final KafkaCredentials kafkaCredentials;

    private LocalInfra(Path dataDir, String classpath, boolean kafkaSecure) {
        this.dataDir = dataDir;
        this.kafkaCredentials = kafkaSecure ? KafkaCredentials.in(dataDir.resolve("kafka-credentials")) : null;
        this.kafkaPort = freePort();
        int controllerPort = freePort();
        this.mongoPort = freePort();
        this.smtpPort = freePort();
        this.inboxPort = freePort();
        Path logs = dataDir.resolve("logs");
        this.kafka = new ManagedProcess("kafka", classpath, KafkaBrokerMain.class.getName(),
                withLogging(JvmOptions.of(JvmOptions.KAFKA)),
                List.of("--port", Integer.toString(kafkaPort), "--controller-port", Integer.toString(controllerPort),
                        "--data", dataDir.resolve("kafka").toString(),
                        "--security", kafkaSecure ? "scram" : "plaintext",
                        "--credentials", dataDir.resolve("kafka-credentials").toString()),
                logs.resolve("kafka.log"));
        this.mongo = new ManagedProcess("mongo", classpath, MongoServerMain.class.getName(),
                withLogging(JvmOptions.of(JvmOptions.MONGO)),
                List.of("--port", Integer.toString(mongoPort), "--data", dataDir.resolve("mongo").toString()),
                logs.resolve("mongo.log"));
        this.mail = new ManagedProcess("mail", classpath, MailServerMain.class.getName(),
                withLogging(JvmOptions.of(JvmOptions.MAIL)),
                List.of("--smtp-port", Integer.toString(smtpPort), "--http-port", Integer.toString(inboxPort)),
                logs.resolve("mail.log"));
    }

    private static List<String> withLogging(List<String> jvmOptions) {
        List<String> options = new java.util.ArrayList<>(jvmOptions);
        options.add(LOGGING);
        return options;
    }

    /**
     * Starts all three servers under a fresh data folder (inside {@code target/} when run by Maven, so their logs
     * stay with the build), with this JVM's classpath.
     */
    public static LocalInfra start() {
        return start(true);
    }

    /** @param kafkaSecure false for a broker without authentication or ACLs: only as a benchmark's baseline */
    public static LocalInfra start(boolean kafkaSecure) {
        try {
            Path target = Path.of("target");
            Path dataDir = Files.isDirectory(target) ? Files.createTempDirectory(target, "infra-")
                    : Files.createTempDirectory("shipgate-infra-");
            return start(dataDir, System.getProperty("java.class.path"), kafkaSecure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LocalInfra start(Path dataDir, String classpath) {
        return start(dataDir, classpath, true);
    }

    public static LocalInfra start(Path dataDir, String classpath, boolean kafkaSecure) {
        LocalInfra infra = new LocalInfra(dataDir, classpath, kafkaSecure);
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close));
        infra.kafka.start();
        infra.mongo.start();
        infra.mail.start();
        infra.awaitMongo();
        infra.awaitMail();
        infra.awaitKafka();
        return infra;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public boolean kafkaSecure() {
        return kafkaCredentials != null;
    }

    /**
     * Client settings (bootstrap, security protocol, SASL/SCRAM login) to connect as {@code principal}, one of
     * {@link KafkaAccess#CLIENTS} or {@link KafkaAccess#ADMIN}; only the bootstrap address on a plaintext broker.
     */
    public Map<String, Object> kafkaClient(String principal) {
        if (kafkaCredentials == null) {
            return new java.util.HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap()));
        }
        return kafkaCredentials.clientProperties(kafkaBootstrap(), principal);
    }

    /**
     * The environment a service reads its Kafka connection from (application.yml): {@code KAFKA_BOOTSTRAP_SERVERS},
     * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_USERNAME},
     * {@code KAFKA_SASL_PASSWORD}, as {@code principal}.
     */
    public Map<String, String> kafkaEnvironment(String principal) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        if (kafkaCredentials == null) {
            env.put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
        } else {
            env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
            env.put("KAFKA_SASL_MECHANISM", KafkaAccess.SCRAM_MECHANISM);
            env.put("KAFKA_SASL_USERNAME", principal);
            env.put("KAFKA_SASL_PASSWORD", kafkaCredentials.password(principal));
        }
        return env;
    }

    /** The password of {@code principal} on this broker (a test's Spring properties); never log it. */
    public String kafkaPassword(String principal) {
        return kafkaCredentials.password(principal);
    }

    /** The folder of the {@code <principal>.password} files, for {@code ./shipgate train}; null when plaintext. */
    public Path kafkaCredentialsDir() {
        return kafkaCredentials == null ? null : kafkaCredentials.dir();
    }

    public String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public String inboxUrl() {
        return "http://127.0.0.1:" + inboxPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public ManagedProcess kafka() {
        return kafka;
    }

    public ManagedProcess mongo() {
        return mongo;
    }

    public ManagedProcess mail() {
        return mail;
    }

    public void awaitKafka() {
        kafka.awaitReady(Duration.ofSeconds(90), this::kafkaAnswers);
    }

    public void awaitMongo() {
        mongo.awaitReady(Duration.ofSeconds(60), listening(mongo, MongoServerMain.LISTENING, mongoPort));
    }

    public void awaitMail() {
        mail.awaitReady(Duration.ofSeconds(60), listening(mail, MailServerMain.LISTENING, smtpPort, inboxPort));
    }

    /**
     * Ready when the server says it holds its ports and they take connections. The ports alone are not enough: they
     * are free when chosen but not held until the server binds them, and another process that took one meanwhile
     * would answer for a server that failed to start.
     */
    static BooleanSupplier listening(ManagedProcess server, String saysListening, int... ports) {
        return () -> server.printedSinceStart(saysListening)
                && Arrays.stream(ports).allMatch(ManagedProcess::acceptsConnections);
    }

    private boolean kafkaAnswers() {
        // ready once its users, topics and ACLs are in place, which the broker says once per start
        if (!kafka.printedSinceStart(KafkaBrokerMain.READY) || !ManagedProcess.acceptsConnections(kafkaPort)) {
            return false;
        }
        Map<String, Object> config = kafkaClient(KafkaAccess.ADMIN);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                    .get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        mail.stop();
        mongo.stop();
        kafka.stop();
    }

    /**
     * A loopback port free at the moment of asking, for a server (or a test's own process) to take. Drawn at random
     * between {@value #LOWEST_CHOSEN_PORT} and the start of the kernel's ephemeral range
     * ({@code /proc/sys/net/ipv4/ip_local_port_range}, 32768 by default): a port the kernel picks itself (a server
     * socket on port 0) is one it may also give to an outgoing connection of the many clients a test runs before the
     * server binds it, and servers then failed to start with "Address already in use" on a busy machine. A port is
     * handed out once per JVM: two systems starting side by side (the system tests do) never draw the same one
     * before either binds it.
     */
    public static int freePort() {
        int end = ephemeralRangeStart();
        for (int attempt = 0; attempt < 100 && end > LOWEST_CHOSEN_PORT; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST_CHOSEN_PORT, end);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        return kernelChosenPort();
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int kernelChosenPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int ephemeralRangeStart() {
        // read as a stream: /proc files say they are empty, and a read sized by that returns a few bytes only
        try (var in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 32768;
        }
    }
}
