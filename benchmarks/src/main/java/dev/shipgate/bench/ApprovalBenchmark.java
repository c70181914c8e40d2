package dev.shipgate.bench;

import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TopicWatcher;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * approval-service under load, as a real process against the real broker and database: votes per second with their
 * latency, and the deploy saga's request-to-decision latency; each against the raw Kafka round trip and the raw
 * versioned MongoDB update measured in the same run. {@code ./shipgate bench approval [requests]}.
 */
public final class ApprovalBenchmark {

    private static final int APPROVERS = 6;

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        try (RunningSystem system = new RunningSystem(List.of("approval-service"), List.of());
             TopicWatcher topics = new TopicWatcher(system.infra, List.of(Topics.ACCESS))) {
            Http http = new Http(system.serviceUrl("approval-service"));
            System.out.println("Measuring baselines ...");
            Stats kafka = Baselines.kafkaRoundTrip(system.infra.kafkaClient(KafkaAccess.ADMIN), 300);
            Stats mongo = Baselines.mongoVersionedUpdate(system.infra.mongoUri(), 1000);

            for (int i = 0; i < APPROVERS; i++) {
                http.put("dave", "/api/access/users/bench-approver-" + i, Map.of("email", "b" + i + "@example.com",
                        "displayName", "Bench " + i, "active", true, "groups", List.of(), "roles", List.of(Map.of(
                                "role", "IMAGE_APPROVER", "project", "shop", "application", "payments",
                                "environment", "*"))));
            }
            String votePipeline = pipeline(topics, http, APPROVERS);
            String freePipeline = pipeline(topics, http, 0);
            List<String> requestIds = openRequests(topics, http, votePipeline, requests);

            System.out.println("Voting: " + APPROVERS + " approvers x " + requests + " requests ...");
            Stats votes = new Stats();
            ExecutorService pool = Executors.newFixedThreadPool(APPROVERS);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int a = 0; a < APPROVERS; a++) {
                String approver = "bench-approver-" + a;
                futures.add(pool.submit(() -> {
                    for (String id : requestIds) {
                        long t = System.nanoTime();
                        int status = http.post(approver, "/api/approval-requests/" + id + "/approve", null).status();
                        votes.add(System.nanoTime() - t);
                        if (status != 200) {
                            throw new IllegalStateException("vote answered " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            double votesPerSecond = votes.count() / ((System.nanoTime() - start) / 1e9);
            pool.shutdown();

            System.out.println("Deploy saga: request to decision ...");
            Stats decisions = requestToDecision(system.infra.kafkaClient(KafkaAccess.ADMIN), topics, freePipeline, 300);

            System.out.printf(Locale.ROOT, "%n%-46s %s%n", "baseline Kafka produce+consume round trip",
                    kafka.summary());
            System.out.printf(Locale.ROOT, "%-46s %s%n", "baseline MongoDB read + versioned update", mongo.summary());
            System.out.printf(Locale.ROOT, "%-46s %s, %.0f votes/s%n", "vote (HTTP, 6 concurrent approvers)",
                    votes.summary(), votesPerSecond);
            System.out.printf(Locale.ROOT, "%-46s %s%n", "deploy request -> decision (Kafka, 2 hops)",
                    decisions.summary());
            System.out.printf(Locale.ROOT, "%nratios: vote p50 / Mongo update p50 = %.1f; decision p50 / Kafka round "
                            + "trip p50 = %.1f; decision p99 / Kafka round trip p99 = %.1f%n",
                    votes.percentileMillis(50) / mongo.percentileMillis(50),
                    decisions.percentileMillis(50) / kafka.percentileMillis(50),
                    decisions.percentileMillis(99) / kafka.percentileMillis(99));
        }
    }

    private static String pipeline(TopicWatcher topics, Http http, int required) {
        String id = "bench-" + UUID.randomUUID();
        topics.publish(new PipelineConfigured(id, "shop", "payments", "prod", "simulated", required, List.of(),
                86_400, null, false, "MANUAL", false));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                http.get("erin", "/api/pipelines/" + id + "/images").status() == 200);
        return id;
    }

    private static List<String> openRequests(TopicWatcher topics, Http http, String pipeline, int count) {
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
            digests.add(digest);
            topics.publish(new ImageBuilt(digest, "registry.local/payments", "b" + i, null, "payments", "ci-bot",
                    Instant.now()));
        }
        List<String> ids = new ArrayList<>();
        for (String digest : digests) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                Http.Response created = http.post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                        "imageDigest", digest));
                if (created.status() == 201) {
                    ids.add(created.json().path("id").asString());
                }
                return created.status() == 201;
            });
        }
        return ids;
    }

    /** One deploy request at a time: time from publishing it to seeing approval-service's decision. */
    private static Stats requestToDecision(Map<String, Object> client, TopicWatcher topics, String pipeline,
                                           int count) throws InterruptedException {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"));
        Map<String, Long> decidedAt = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            try (var consumer = new KafkaConsumer<String, byte[]>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.DEPLOY_DECISIONS));
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(20)).forEach(r -> decidedAt.put(
                            KafkaEventCodec.get(r.headers(), KafkaEventCodec.H_SUBJECT), System.nanoTime()));
                }
            }
        });
        reader.start();
        Thread.sleep(3000); // the reader joins its group before the first request
        Stats stats = new Stats();
        for (int i = 0; i < count; i++) {
            String deploymentId = "dp-" + UUID.randomUUID();
            long start = System.nanoTime();
            topics.publish(new DeploymentRequested(deploymentId, new PipelineImage(pipeline, "payments", "prod",
                    "sha256:00", "0.0." + i), "alice", null));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                    .until(() -> decidedAt.containsKey(deploymentId));
            stats.add(decidedAt.get(deploymentId) - start);
        }
        running.set(false);
        reader.join();
        return stats;
    }

    private ApprovalBenchmark() {
    }
}
