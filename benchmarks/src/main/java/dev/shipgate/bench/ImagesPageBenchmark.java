package dev.shipgate.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import org.bson.Document;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images page of a pipeline with many images (issue 17's target: 10,000 images, p99 under 20 ms through the
 * gateway): {@code GET /api/pipelines/payments-staging/images?size=20} as erin, its first page, a cursor page half-way
 * down (found by following {@code Link rel="next"}) and the searches ({@code q}: part of a tag, part of a digest, the
 * start of a commit), each alternated call by call with the baseline, a plain indexed read of the same database in
 * the same run: the same 20 image documents read by their unique key ({@code _id in [...]}). The images are written
 * straight into approval-service's database (as its adapter stores them) before the measurement.
 * {@code ./shipgate bench images [images] [calls] [no-search]} ({@code no-search}: the first and the deep page only).
 */
public final class ImagesPageBenchmark {

    private static final String PIPELINE = "payments-staging";

    public static void main(String[] args) throws Exception {
        int imageCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        boolean searches = args.length < 3 || !args[2].equals("no-search"); // the searches scan: slow on a busy machine
        try (RunningSystem system = new RunningSystem(List.of("approval-service", "deploy-service", "gateway"),
                List.of("--shipgate.gateway.rate-limit.per-second=100000",
                        "--shipgate.gateway.rate-limit.burst=100000",
                        // a health check answered late on a loaded machine would take approval-service off the list
                        "--SHIPGATE_INSTANCE_CHECK_INTERVAL=30s"));
             MongoClient client = MongoClients.create(system.infra.mongoUri())) {
            MongoCollection<Document> images = client.getDatabase("shipgate-approval").getCollection("images");
            List<String> newest = write(images, imageCount);
            Http gateway = new Http(system.gatewayUrl());
            String first = "/api/pipelines/" + PIPELINE + "/images?size=20";
            awaitPipeline(gateway, first);
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("first page", first);
            pages.put("cursor page " + imageCount / 2 + " deep", deepPage(gateway, imageCount / 2));
            int sample = imageCount * 3 / 4;
            if (searches) {
                pages.put("search by tag (q=bench-" + sample + ")", first + "&q=bench-" + sample);
                pages.put("search by part of a digest", first + "&q=" + digest(sample).substring(60));
                pages.put("search by start of a commit", first + "&q=" + commit(sample).substring(0, 39));
            }
            for (int i = 0; i < 30; i++) { // warm every path up
                pages.values().forEach(path -> check(gateway.get("erin", path)));
                images.find(Filters.in("_id", newest)).into(new ArrayList<>());
            }
            Map<String, Stats> viaGateway = new LinkedHashMap<>();
            pages.keySet().forEach(name -> viaGateway.put(name, new Stats()));
            Stats indexedRead = new Stats();
            Stats pageQuery = new Stats();
            Map<String, String> totals = new LinkedHashMap<>();
            for (int i = 0; i < calls; i++) { // each page, then the baseline, alternated call by call
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    long start = System.nanoTime();
                    Http.Response answer = gateway.get("erin", page.getValue());
                    viaGateway.get(page.getKey()).add(System.nanoTime() - start);
                    check(answer);
                    totals.put(page.getKey(), answer.header("X-Total-Count"));
                    start = System.nanoTime();
                    images.find(Filters.in("_id", newest)).into(new ArrayList<>());
                    indexedRead.add(System.nanoTime() - start);
                }
                long start = System.nanoTime();
                pageQueries(images);
                pageQuery.add(System.nanoTime() - start);
            }
            System.out.printf(Locale.ROOT, "%n%d images of payments%n", imageCount);
            System.out.printf(Locale.ROOT, "%-52s %s%n", "the same 20 documents by _id (baseline)",
                    indexedRead.summary());
            System.out.printf(Locale.ROOT, "%-52s %s%n", "the first page's two queries straight to the database",
                    pageQuery.summary());
            viaGateway.forEach((name, stats) -> System.out.printf(Locale.ROOT,
                    "%-52s %s; ratio p50 %.1fx, p99 %.1fx; X-Total-Count %s%n", "through the gateway: " + name,
                    stats.summary(), stats.percentileMillis(50) / indexedRead.percentileMillis(50),
                    stats.percentileMillis(99) / indexedRead.percentileMillis(99), totals.get(name)));
            double firstP99 = viaGateway.get("first page").percentileMillis(99);
            System.out.printf(Locale.ROOT, "%nfirst page p99 %.2f ms; target p99 under 20 ms: %s%n", firstP99,
                    firstP99 < 20 ? "met" : "not met");
        }
    }

    /** The images page {@code depth} images deep, by following {@code Link rel="next"} as a client does. */
    private static String deepPage(Http gateway, int depth) {
        String path = "/api/pipelines/" + PIPELINE + "/images?size=100";
        for (int read = 0; read < depth; read += 100) {
            Http.Response answer = gateway.get("erin", path);
            check(answer);
            Matcher next = NEXT.matcher(String.valueOf(answer.header("Link")));
            if (!next.find()) {
                throw new IllegalStateException("no next page after " + read + " images");
            }
            URI uri = URI.create(next.group(1));
            path = uri.getRawPath() + "?" + uri.getRawQuery();
        }
        return path.replace("size=100", "size=20");
    }

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private static String digest(int i) {
        return String.format("sha256:%064x", i + 1);
    }

    private static String commit(int i) {
        return String.format("%040x", i);
    }

    /** {@code count} images of payments, one a minute, as MongoImages stores them; returns the newest 20 digests. */
    private static List<String> write(MongoCollection<Document> images, int count) {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Document> batch = new ArrayList<>();
        List<String> newest = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String digest = digest(i);
            batch.add(new Document("_id", digest).append("digest", digest)
                    .append("repository", "registry.local/payments").append("commit", commit(i))
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
