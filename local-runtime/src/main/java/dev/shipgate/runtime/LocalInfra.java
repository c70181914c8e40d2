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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The three servers of the local default (Kafka, MongoDB-compatible, SMTP) as real child processes on free loopback
 * ports, for tests. Each can be stopped, killed and started again to test faults.
 */
public final class LocalInfra implements AutoCloseable {

    /** The servers' own quiet logging setup, on the classpath of this module. */
    static final String LOGGING = "-Dlogback.configurationFile=shipgate-runtime-logback.xml";
    /**
     * The quick compiler only, for these servers and for the services (RunningSystem): on two shared cores the
     * optimising one was still compiling minutes after start and took a fifth of the whole system's CPU under load
     * (measured with bench load).
     */
    public static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

    private final Path dataDir;
    private final int kafkaPort;
    private final int mongoPort;
    private final int smtpPort;
    private final int inboxPort;
    private final ManagedProcess kafka;
    private final ManagedProcess mongo;
    private final ManagedProcess mail;

    private LocalInfra(Path dataDir, String classpath) {
        this.dataDir = dataDir;
        this.kafkaPort = freePort();
        int controllerPort = freePort();
        this.mongoPort = freePort();
        this.smtpPort = freePort();
        this.inboxPort = freePort();
        Path logs = dataDir.resolve("logs");
        this.kafka = new ManagedProcess("kafka", classpath, KafkaBrokerMain.class.getName(),
                List.of("-Xmx512m", "-XX:+UseSerialGC", QUICK_JIT, LOGGING),
                List.of("--port", Integer.toString(kafkaPort), "--controller-port", Integer.toString(controllerPort),
                        "--data", dataDir.resolve("kafka").toString()),
                logs.resolve("kafka.log"));
        this.mongo = new ManagedProcess("mongo", classpath, MongoServerMain.class.getName(),
                List.of("-Xmx256m", "-XX:+UseSerialGC", QUICK_JIT, LOGGING),
                List.of("--port", Integer.toString(mongoPort), "--data", dataDir.resolve("mongo").toString()),
                logs.resolve("mongo.log"));
        this.mail = new ManagedProcess("mail", classpath, MailServerMain.class.getName(),
                List.of("-Xmx128m", "-XX:+UseSerialGC", QUICK_JIT, LOGGING),
                List.of("--smtp-port", Integer.toString(smtpPort), "--http-port", Integer.toString(inboxPort)),
                logs.resolve("mail.log"));
    }

    /**
     * Starts all three servers under a fresh data folder (inside {@code target/} when run by Maven, so their logs
     * stay with the build), with this JVM's classpath.
     */
    public static LocalInfra start() {
        try {
            Path target = Path.of("target");
            Path dataDir = Files.isDirectory(target) ? Files.createTempDirectory(target, "infra-")
                    : Files.createTempDirectory("shipgate-infra-");
            return start(dataDir, System.getProperty("java.class.path"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LocalInfra start(Path dataDir, String classpath) {
        LocalInfra infra = new LocalInfra(dataDir, classpath);
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
        if (!ManagedProcess.acceptsConnections(kafkaPort)) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
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

    /** A loopback port free at the moment of asking, for a server (or a test's own process) to take. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
