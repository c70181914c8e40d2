package dev.shipgate.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The images page of a pipeline with many images (issue 17's target: 10,000 images, p99 under 20 ms through the
 * gateway): {@code GET /api/pipelines/payments-staging/images?size=20} as erin, alternated call by call with the
 * baseline, a plain indexed read of the same database in the same run: the same 20 image documents read by their
 * unique key ({@code _id in [...]}). The images are written straight into approval-service's database (as its
 * adapter stores them) before the measurement. {@code ./shipgate bench images [images] [calls]}.
 */
public final class ImagesPageBenchmark {

    private static final String PIPELINE = "payments-staging";

    public static void main(String[] args) throws Exception {
        int imageCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        try (RunningSystem system = new RunningSystem(List.of("approval-service", "deploy-service", "gateway"),
                List.of("--shipgate.gateway.rate-limit.per-second=100000",
                        "--shipgate.gateway.rate-limit.burst=100000"));
             MongoClient client = MongoClients.create(system.infra.mongoUri())) {
            MongoCollection<Document> images = client.getDatabase("shipgate-approval").getCollection("images");
            List<String> newest = write(images, imageCount);
            Http gateway = new Http(system.gatewayUrl());
            String page = "/api/pipelines/" + PIPELINE + "/images?size=20";
            awaitPipeline(gateway, page);
            for (int i = 0; i < 100; i++) { // warm both paths up
                check(gateway.get("erin", page));
                images.find(Filters.in("_id", newest)).into(new ArrayList<>());
            }
            Stats viaGateway = new Stats();
            Stats indexedRead = new Stats();
            Stats pageQuery = new Stats();
            String total = null;
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                Http.Response answer = gateway.get("erin", page);
                viaGateway.add(System.nanoTime() - start);
                check(answer);
                total = answer.header("X-Total-Count");
                start = System.nanoTime();
                images.find(Filters.in("_id", newest)).into(new ArrayList<>());
                indexedRead.add(System.nanoTime() - start);
                start = System.nanoTime();
                pageQueries(images);
                pageQuery.add(System.nanoTime() - start);
            }
            System.out.printf(Locale.ROOT, "%n%d images of payments, X-Total-Count %s%n", imageCount, total);
            System.out.printf(Locale.ROOT, "%-52s %s%n", "the same 20 documents by _id (baseline)",
                    indexedRead.summary());
            System.out.printf(Locale.ROOT, "%-52s %s%n", "the page's two queries straight to the database",
                    pageQuery.summary());
            System.out.printf(Locale.ROOT, "%-52s %s%n", "images page through the gateway", viaGateway.summary());
            System.out.printf(Locale.ROOT, "%nratio p50 %.1fx, p99 %.1fx; target p99 under 20 ms: %s%n",
                    viaGateway.percentileMillis(50) / indexedRead.percentileMillis(50),
                    viaGateway.percentileMillis(99) / indexedRead.percentileMillis(99),
                    viaGateway.percentileMillis(99) < 20 ? "met" : "not met");
        }
    }

    /** {@code count} images of payments, one a minute, as MongoImages stores them; returns the newest 20 digests. */
    private static List<String> write(MongoCollection<Document> images, int count) {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Document> batch = new ArrayList<>();
        List<String> newest = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String digest = String.format("sha256:%064x", i + 1);
            batch.add(new Document("_id", digest).append("digest", digest)
                    .append("repository", "registry.local/payments").append("commit", String.format("%040x", i))
                    .append("application", "payments").append("builtBy", "ci-bot")
                    .append("builtAt", Date.from(t0.plusSeconds(60L * i))).append("tags", List.of("bench-" + i)));
            if (i >= count - 20) {
                newest.add(digest);
            }
            if (batch.size() == 1000) {
                images.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            images.insertMany(batch);
        }
        return newest;
    }

    /**
     * What approval-service asks the database for a page: the filter sorted newest first, 21 documents, and the
     * count of the filter (on a server that uses the index, both are index reads; the embedded one scans).
     */
    private static void pageQueries(MongoCollection<Document> images) {
        images.find(Filters.eq("application", "payments"))
                .sort(new Document("builtAt", -1).append("_id", -1)).limit(21).into(new ArrayList<>());
        images.countDocuments(Filters.eq("application", "payments"));
    }

    /** deploy-service publishes the seed pipelines; approval-service knows them shortly after start. */
    private static void awaitPipeline(Http gateway, String page) throws InterruptedException {
        for (int i = 0; i < 300 && gateway.get("erin", page).status() != 200; i++) {
            Thread.sleep(200);
        }
    }

    private static void check(Http.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("answered " + response.status() + ": " + response.body());
        }
    }

    private ImagesPageBenchmark() {
    }
}
