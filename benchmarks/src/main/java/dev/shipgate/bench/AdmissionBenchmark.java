package dev.shipgate.bench;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The admission webhook's load figure: AdmissionReviews of a Pod in a gated namespace (namespace payments-dev mapped
 * to pipeline payments-dev, its image authorized by a real deploy) straight to deploy-service as the API server's
 * account, against a plain authenticated read of the same service (the pipeline list, as alice) in the same run.
 * First latency, the two calls alternated one by one; then throughput, {@code threads} callers for {@code seconds}
 * each, one after the other. {@code ./shipgate bench admission [calls] [seconds] [threads]}.
 */
public final class AdmissionBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (RunningSystem system = new RunningSystem(List.of("approval-service", "deploy-service"),
                List.of("--shipgate.admission.namespaces.payments-dev=payments-dev"));
             TopicWatcher topics = new TopicWatcher(system.infra, List.of(Topics.IMAGES))) {
            Http deploy = new Http(system.serviceUrl("deploy-service"));
            String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "").repeat(2);
            topics.publish(new ImageBuilt(digest, "registry.local/payments", "bench", null, "payments", "ci-bot",
                    Instant.now()));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    deploy.post("alice", "/api/pipelines/payments-dev/deployments?wait=PT10S",
                            Map.of("imageDigest", digest)).status() == 201); // authorized: no approval needed there
            String review = review("registry.local/payments@" + digest);
            Supplier<Http.Response> admit = () -> deploy.postRaw("kube-apiserver", "/api/admission/reviews", review);
            Supplier<Http.Response> read = () -> deploy.get("alice", "/api/pipelines");
            if (!admit.get().body().contains("\"allowed\":true")) {
                throw new IllegalStateException("the authorized image was not admitted: " + admit.get().body());
            }
            for (int i = 0; i < 300; i++) { // warm both paths up
                check(admit.get());
                check(read.get());
            }
            Stats admissions = new Stats();
            Stats reads = new Stats();
            for (int i = 0; i < count; i++) {
                time(admit, admissions);
                time(read, reads);
            }
            double readRate = throughput(read, threads, seconds);
            double admitRate = throughput(admit, threads, seconds);

            System.out.printf(Locale.ROOT, "%n%-52s %s%n", "plain authenticated read, GET /api/pipelines (baseline)",
                    reads.summary());
            System.out.printf(Locale.ROOT, "%-52s %s%n", "admission review of an authorized Pod (allowed)",
                    admissions.summary());
            System.out.printf(Locale.ROOT, "%nratio admission/read: p50 %.2f, p99 %.2f%n",
                    admissions.percentileMillis(50) / reads.percentileMillis(50),
                    admissions.percentileMillis(99) / reads.percentileMillis(99));
            System.out.printf(Locale.ROOT, "throughput with %d callers for %d s: reads %.0f/s, admission decisions "
                    + "%.0f/s (ratio %.2f)%n", threads, seconds, readRate, admitRate, admitRate / readRate);
        }
    }

    private static void time(Supplier<Http.Response> call, Stats stats) {
        long start = System.nanoTime();
        check(call.get());
        stats.add(System.nanoTime() - start);
    }

    private static double throughput(Supplier<Http.Response> call, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<Integer>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                int calls = 0;
                while (System.nanoTime() < end) {
                    check(call.get());
                    calls++;
                }
                return calls;
            }));
        }
        int total = 0;
        for (Future<Integer> calls : done) {
            total += calls.get();
        }
        pool.shutdown();
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private static void check(Http.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("answered " + response.status() + ": " + response.body());
        }
    }

    /** A Pod create as the API server sends it (the ReplicaSet controller's). */
    private static String review(String image) {
        return """
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
                 "uid":"%s","kind":{"group":"","version":"v1","kind":"Pod"},
                 "resource":{"group":"","version":"v1","resource":"pods"},"namespace":"payments-dev","name":"",
                 "operation":"CREATE","userInfo":{"username":"system:serviceaccount:kube-system:replicaset-controller"},
                 "object":{"kind":"Pod","apiVersion":"v1","metadata":{"generateName":"payments-6d4cf56db6-",
                  "namespace":"payments-dev"},"spec":{"containers":[{"name":"app","image":"%s"}]}},
                 "oldObject":null,"dryRun":false}}""".formatted(UUID.randomUUID(), image);
    }

    private AdmissionBenchmark() {
    }
}
