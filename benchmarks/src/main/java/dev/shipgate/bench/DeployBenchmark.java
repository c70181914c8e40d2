package dev.shipgate.bench;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Triggering CD end to end on the simulated target: from the deploy request (HTTP to deploy-service) to the
 * AUTHORIZED status event, which crosses three Kafka hops (request, decision, status); against the raw Kafka round
 * trip measured in the same run. Then the same deploy with {@code ?wait=PT10S}: from the request to the HTTP answer
 * that carries the decision (201), which crosses two Kafka hops (request, decision) plus the local wake-up.
 * {@code ./shipgate bench deploy [count]}.
 */
public final class DeployBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (RunningSystem system = new RunningSystem(List.of("approval-service", "deploy-service"), List.of());
             TopicWatcher topics = new TopicWatcher(system.infra, List.of(Topics.IMAGES))) {
            Http deploy = new Http(system.serviceUrl("deploy-service"));
            System.out.println("Measuring the Kafka baseline ...");
            Stats kafka = Baselines.kafkaRoundTrip(system.infra.kafkaClient(KafkaAccess.ADMIN), 300);

            String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
            topics.publish(new ImageBuilt(digest, "registry.local/payments", "bench", null, "payments", "ci-bot",
                    Instant.now()));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> deploy.get("alice",
                    "/api/pipelines/payments-dev").status() == 200);

            DeploymentStatuses statuses = new DeploymentStatuses(system.infra.kafkaClient(KafkaAccess.ADMIN));
            Map<String, Long> authorizedAt = statuses.authorizedAt;
            Thread.sleep(3000);

            System.out.println("Deploying " + count + " times ...");
            Stats toAuthorized = new Stats();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                Http.Response response = deploy.post("alice", "/api/pipelines/payments-dev/deployments",
                        Map.of("imageDigest", digest));
                if (response.status() == 404) { // the image has not reached deploy-service yet
                    Thread.sleep(200);
                    i--;
                    continue;
                }
                String id = response.json().path("id").asString();
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                        .until(() -> authorizedAt.containsKey(id));
                toAuthorized.add(authorizedAt.get(id) - start);
            }
            statuses.close();

            System.out.println("Deploying " + count + " times with ?wait=PT10S ...");
            Stats toAnswer = new Stats();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                Http.Response response = deploy.post("alice", "/api/pipelines/payments-dev/deployments?wait=PT10S",
                        Map.of("imageDigest", digest));
                if (response.status() != 201) {
                    throw new IllegalStateException("expected the decision, got " + response.status() + " "
                            + response.body());
                }
                toAnswer.add(System.nanoTime() - start);
            }

            System.out.printf(Locale.ROOT, "%n%-46s %s%n", "baseline Kafka produce+consume round trip",
                    kafka.summary());
            System.out.printf(Locale.ROOT, "%-46s %s%n", "deploy request -> AUTHORIZED (3 Kafka hops)",
                    toAuthorized.summary());
            System.out.printf(Locale.ROOT, "%-46s %s%n", "deploy ?wait=PT10S -> 201 AUTHORIZED answer",
                    toAnswer.summary());
            System.out.printf(Locale.ROOT, "%nratios: p50 %.1fx, p99 %.1fx the Kafka round trip (3 hops at least 3x)%n",
                    toAuthorized.percentileMillis(50) / kafka.percentileMillis(50),
                    toAuthorized.percentileMillis(99) / kafka.percentileMillis(99));
            System.out.printf(Locale.ROOT, "ratios with wait: p50 %.1fx, p99 %.1fx the Kafka round trip (2 hops)%n",
                    toAnswer.percentileMillis(50) / kafka.percentileMillis(50),
                    toAnswer.percentileMillis(99) / kafka.percentileMillis(99));
        }
    }

    private DeployBenchmark() {
    }
}
