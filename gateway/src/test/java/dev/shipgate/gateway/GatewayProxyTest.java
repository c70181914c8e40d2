package dev.shipgate.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a service behind the gateway receives: the request as the caller sent it, with no header the proxy's HTTP
 * client made up (a body-less POST once arrived as a form post, which the services refuse).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shipgate.security.secret=" + TestTokens.SECRET,
        "shipgate.seed-file=file:../config/seed.json",
        "APPROVAL_SERVICE_URL=http://127.0.0.1:9",
        "DEPLOY_SERVICE_URL=http://127.0.0.1:9",
        "logging.structured.format.console="})
class GatewayProxyTest {

    /** A real HTTP server standing in for notification-service: it remembers the last request it got. */
    private static final HttpServer SERVICE = startService();
    private static final Map<String, String> received = new ConcurrentHashMap<>();
    private static final int BURST = 12; // more than HttpClient 5's default pool of 5 connections per service
    private static final CountDownLatch burstArrived = new CountDownLatch(BURST);
    private static final AtomicInteger atOnce = new AtomicInteger();
    private static final AtomicInteger mostAtOnce = new AtomicInteger();

    private static final CountDownLatch streamRead = new CountDownLatch(1);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("NOTIFICATION_SERVICE_URL", () -> "http://127.0.0.1:" + SERVICE.getAddress().getPort());
    }

    @BeforeEach
    void forget() {
        received.clear();
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    /** Live updates (Server-Sent Events) pass event by event: the proxy neither buffers nor waits for the end. */
    @Test
    void an_event_stream_arrives_event_by_event_while_the_service_holds_it_open() throws Exception {
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI
                        .create("http://127.0.0.1:" + port + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + TestTokens.forUser("carol"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            Future<String> first = Executors.newSingleThreadExecutor().submit(lines::readLine);
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("event: deployments");
            assertThat(streamRead.getCount()).as("the service still holds the stream open").isEqualTo(1);
        } finally {
            streamRead.countDown();
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
    }

    @Test
    void a_post_without_a_body_arrives_without_a_content_type() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/notifications/deliveries/d-1/resend"))
                .header("Authorization", "Bearer " + TestTokens.forUser("carol"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received).containsEntry("path", "/api/notifications/deliveries/d-1/resend")
                .containsEntry("method", "POST").containsEntry("body", "").doesNotContainKey("content-type");
    }

    @Test
    void a_json_body_arrives_as_sent() {
        Http.Response response = new Http("http://127.0.0.1:" + port).post("carol",
                "/api/notifications/subscriptions", Map.of("events", List.of("FAILED")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(received.get("content-type")).startsWith("application/json");
        assertThat(received.get("body")).isEqualTo("{\"events\":[\"FAILED\"]}");
        assertThat(received.get("authorization")).startsWith("Bearer ");
    }

    @Test
    void a_burst_of_calls_to_one_service_is_forwarded_at_once() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(BURST);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                statuses.add(callers.submit(() -> new Http("http://127.0.0.1:" + port)
                        .get("carol", "/api/notifications/slow").status()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(mostAtOnce.get()).isEqualTo(BURST);
    }

    private static HttpServer startService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/api/notifications/slow", exchange -> {
                // holds each call until the whole burst has arrived, or a second has passed
                mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                burstArrived.countDown();
                try {
                    burstArrived.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                atOnce.decrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.createContext("/api/notifications/stream", exchange -> {
                // one event, then the stream stays open until the test has read it (or ten seconds pass)
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("event: deployments\ndata: open\n\n".getBytes(
                        StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                try {
                    streamRead.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            // the gateway's load balancer checks the instance's health every few seconds
            server.createContext("/actuator/health", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.createContext("/", exchange -> {
                received.put("method", exchange.getRequestMethod());
                received.put("path", exchange.getRequestURI().getPath());
                received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.getRequestHeaders().forEach((name, values) ->
                        received.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
