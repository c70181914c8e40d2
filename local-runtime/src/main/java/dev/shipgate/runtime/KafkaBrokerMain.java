package dev.shipgate.runtime;

import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one process), with its log under a data
 * folder that survives restarts. Formats the storage on first start.
 *
 * <p>By default ({@code --security scram}) every connection is authenticated and authorized: clients and the
 * inter-broker link use SASL/SCRAM-SHA-512, the controller link SASL/PLAIN (KRaft controllers cannot use SCRAM: its
 * credentials live in the metadata they serve), both as the {@code admin} principal, the only super user; the
 * StandardAuthorizer denies whatever no ACL allows. Passwords come from {@code --credentials} (made there when
 * missing, see {@link KafkaCredentials}); the admin's is stored at format time, every client's is set through the
 * Admin API at each start (so a changed password file rotates it), then the topics and ACLs of {@link KafkaAccess}
 * are put in place, stale ACLs removed, and the broker prints {@link #READY}. {@code --security plaintext} runs it
 * open, only as the benchmarks' baseline.
 */
public final class KafkaBrokerMain {

    /** Printed once the users, topics and ACLs are in place: clients may connect from then on. */
    static final String READY = "Shipgate Kafka broker ready";
    static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        Args options = Args.parse(args);
        int port = options.port("port", 9092);
        int controllerPort = options.port("controller-port", port + 1);
        Path dataDir = Path.of(options.value("data", ".shipgate/data/kafka")).toAbsolutePath();
        boolean secure = !"plaintext".equals(options.value("security", "scram"));
        Path logDir = dataDir.resolve("log");
        Files.createDirectories(logDir);
        Path readyFile = dataDir.resolve("ready");
        Files.deleteIfExists(readyFile);
        KafkaCredentials credentials = secure ? KafkaCredentials.in(Path.of(options.value("credentials",
                dataDir.resolveSibling("kafka-credentials").toString())).toAbsolutePath()) : null;

        Path config = dataDir.resolve("server.properties");
        Files.deleteIfExists(config);
        Files.createFile(config);
        KafkaCredentials.restrict(config, "rw-------"); // it holds the admin's password
        try (Writer out = Files.newBufferedWriter(config)) {
            brokerProperties(port, controllerPort, logDir, credentials).store(out, "written by KafkaBrokerMain");
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            List<String> format = new java.util.ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--ignore-formatted"));
            if (secure) {
                format.addAll(List.of("--add-scram", KafkaAccess.SCRAM_MECHANISM + "=[name=" + KafkaAccess.ADMIN
                        + ",password=" + credentials.password(KafkaAccess.ADMIN) + "]"));
            }
            int exit = StorageTool.execute(format.toArray(String[]::new), System.out);
            if (exit != 0) {
                throw new IllegalStateException("formatting the Kafka storage failed with " + exit);
            }
        }
        String bootstrap = "127.0.0.1:" + port;
        Thread setup = new Thread(() -> setUp(bootstrap, credentials, readyFile), "shipgate-kafka-setup");
        setup.setDaemon(true);
        setup.start();
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Properties brokerProperties(int port, int controllerPort, Path logDir, KafkaCredentials credentials) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        if (credentials == null) {
            p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.setProperty("inter.broker.listener.name", "PLAINTEXT");
            p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        } else {
            String admin = KafkaAccess.ADMIN;
            String password = credentials.password(admin);
            p.setProperty("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:"
                    + controllerPort);
            p.setProperty("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
            p.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
            p.setProperty("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
            p.setProperty("sasl.mechanism.inter.broker.protocol", KafkaAccess.SCRAM_MECHANISM);
            p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
            p.setProperty("listener.name.sasl_plaintext.sasl.enabled.mechanisms", KafkaAccess.SCRAM_MECHANISM);
            p.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                    KafkaCredentials.jaas(SCRAM_LOGIN, Map.of("username", admin, "password", password)));
            p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
            p.setProperty("listener.name.controller.plain.sasl.jaas.config", KafkaCredentials.jaas(PLAIN_LOGIN,
                    Map.of("username", admin, "password", password, "user_" + admin, password)));
            p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.setProperty("super.users", KafkaAccess.principal(admin));
            p.setProperty("allow.everyone.if.no.acl.found", "false");
        }
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", Integer.toString(KafkaAccess.PARTITIONS));
        // one broker: every internal topic has a single replica
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // the admin creates every topic (KafkaAccess): no client makes one by naming it
        p.setProperty("auto.create.topics.enable", "false");
        smallFootprint(p);
        return p;
    }

    /**
     * One broker for a handful of clients (measured with {@code ./shipgate bench load} and jcmd
     * GC.class_histogram): the log cleaner's dedupe buffer, on the heap once the compacted topics are cleaned, was
     * 128 MiB of a live set of 167 MiB; 8 MiB maps about 300,000 keys, far more than the pipelines and users of the
     * compacted topics. Fewer network, I/O and background threads than Kafka's defaults (3, 8, 10), which are sized
     * for a server of many clients. The controller writes a no-op record to the metadata log every 5 s when
     * nothing changes, rather than every 0.5 s (each one appended, flushed and replayed by the broker).
     */
    static void smallFootprint(Properties p) {
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 << 20));
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("background.threads", "4");
        p.setProperty("metadata.max.idle.interval.ms", "5000");
    }

    /** The admin's client settings: SCRAM as {@code admin}, or plaintext for the baseline broker. */
    static Map<String, Object> adminClient(String bootstrap, KafkaCredentials credentials) {
        Map<String, Object> config = credentials == null ? new HashMap<>(Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))
                : credentials.clientProperties(bootstrap, KafkaAccess.ADMIN);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return config;
    }

    private static void setUp(String bootstrap, KafkaCredentials credentials, Path readyFile) {
        long deadline = System.nanoTime() + StartPatience.stretch(Duration.ofMinutes(2)).toNanos();
        while (true) {
            try (Admin admin = Admin.create(adminClient(bootstrap, credentials))) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                if (credentials != null) {
                    putUsers(admin, credentials);
                }
                createTopics(admin);
                if (credentials != null) {
                    putAcls(admin);
                    awaitInEffect(admin, bootstrap, credentials);
                }
                Files.writeString(readyFile, "ready\n");
                System.out.println(READY + (credentials == null ? " (plaintext, no authentication: a baseline only)"
                        : ": SASL/SCRAM users, topics and ACLs in place"));
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    System.err.println("Kafka setup failed: " + e);
                    System.exit(1);
                }
                if (!(e instanceof ExecutionException || e instanceof java.util.concurrent.TimeoutException)) {
                    System.err.println("Kafka setup not done yet: " + e);
                }
                sleep();
            }
        }
    }

    private static void putUsers(Admin admin, KafkaCredentials credentials) throws Exception {
        List<UserScramCredentialAlteration> users = KafkaAccess.CLIENTS.stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), credentials.password(user)))
                .toList();
        admin.alterUserScramCredentials(users).all().get(10, TimeUnit.SECONDS);
    }

    private static void createTopics(Admin admin) throws Exception {
        var results = admin.createTopics(KafkaAccess.newTopics()).values();
        for (var result : results.values()) {
            try {
                result.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** The ACLs of {@link KafkaAccess} exactly: missing ones added, ones no longer in it removed. */
    private static void putAcls(Admin admin) throws Exception {
        Set<AclBinding> wanted = new HashSet<>(KafkaAccess.bindings());
        Set<AclBinding> present = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values()
                .get(10, TimeUnit.SECONDS));
        List<AclBindingFilter> stale = present.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter)
                .toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(10, TimeUnit.SECONDS);
        }
        List<AclBinding> missing = wanted.stream().filter(b -> !present.contains(b)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Users and ACLs go through the controller's metadata log and reach the broker's authenticator and authorizer a
     * moment later: ready only once the broker itself lists every ACL and lets every client principal log in.
     */
    private static void awaitInEffect(Admin admin, String bootstrap, KafkaCredentials credentials)
            throws Exception {
        Set<AclBinding> wanted = new HashSet<>(KafkaAccess.bindings());
        long deadline = System.nanoTime() + StartPatience.stretch(Duration.ofSeconds(30)).toNanos();
        while (!new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS))
                .containsAll(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker does not list its ACLs yet");
            }
            sleep();
        }
        for (String user : KafkaAccess.CLIENTS) {
            Map<String, Object> config = credentials.clientProperties(bootstrap, user);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
            while (true) {
                try (Admin client = Admin.create(config)) {
                    client.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
