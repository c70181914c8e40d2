package dev.shipgate.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway spreads the calls of a route over the instances of its service, and goes on through the others when
 * one is gone: real HTTP servers stand in for deploy-service instances. One fails its health check and is never
 * called. Health checks are a minute apart here, so the instance closed later is still on the load balancer's list
 * and the calls it refuses go to the other one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shipgate.security.secret=" + TestTokens.SECRET,
        "shipgate.seed-file=file:../config/seed.json",
        "APPROVAL_SERVICE_URL=http://127.0.0.1:9",
        "NOTIFICATION_SERVICE_URL=http://127.0.0.1:9",
        "SHIPGATE_INSTANCE_CHECK_INTERVAL=60s",
        "logging.structured.format.console="})
class GatewayInstancesTest {

    private static final Instance FIRST = new Instance(200);
    private static final Instance SECOND = new Instance(200);
    /** Listening, but its health check answers 503 (liveness DOWN): never called. */
    private static final Instance SICK = new Instance(503);
    private static final int CALLS = 20;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("DEPLOY_SERVICE_URLS", () -> FIRST.url() + "," + SICK.url() + "," + SECOND.url());
    }

    @AfterAll
    static void stop() {
        FIRST.server.stop(0);
        SECOND.server.stop(0);
        SICK.server.stop(0);
    }

    @Test
    void calls_are_spread_over_the_instances_and_go_on_when_one_is_closed() {
        Http http = new Http("http://127.0.0.1:" + port);
        for (int i = 0; i < CALLS; i++) {
            assertThat(http.get("dave", "/api/deployments/dp-" + i).status()).isEqualTo(200);
        }
        assertThat(FIRST.calls.get() + SECOND.calls.get()).isEqualTo(CALLS);
        assertThat(SICK.calls.get()).as("calls to the instance that failed its health check").isZero();
        assertThat(FIRST.calls.get()).as("spread over both").isBetween(CALLS / 4, 3 * CALLS / 4);

        FIRST.server.stop(0);
        int secondBefore = SECOND.calls.get();
        // a GET may go out on the pooled connection the closed instance broke; it is sent again to the other one
        for (int i = 0; i < 4; i++) {
            assertThat(http.get("dave", "/api/deployments/dp-" + i).status()).as("GET %d", i).isEqualTo(200);
        }
        // from then on each call to the closed instance is refused at connect and sent, body and all, to the other
        for (int i = 0; i < CALLS; i++) {
            Http.Response response = http.post("alice", "/api/pipelines/p-" + i + "/deployments",
                    Map.of("imageDigest", "sha256:" + i));
            assertThat(response.status()).as("call %d after the first instance closed", i).isEqualTo(200);
        }
        assertThat(SECOND.calls.get() - secondBefore).isEqualTo(4 + CALLS);
        assertThat(SICK.calls.get()).isZero();
        assertThat(SECOND.bodies).as("each body arrives whole, also when sent a second time")
                .contains("{\"imageDigest\":\"sha256:" + (CALLS - 1) + "\"}");
        assertThat(SECOND.bodies.stream().filter(body -> !body.isEmpty()).toList())
                .allMatch(body -> body.matches("\\{\"imageDigest\":\"sha256:\\d+\"}"))
                .hasSize(CALLS);
    }

    /** A real HTTP server standing in for one instance: counts the API calls it gets and keeps their bodies. */
    private static final class Instance {
        final AtomicInteger calls = new AtomicInteger();
        final Queue<String> bodies = new ConcurrentLinkedQueue<>();
        final HttpServer server;

        /** @param health the status its {@code /actuator/health} answers */
        Instance(int health) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/actuator/health", exchange -> {
                exchange.sendResponseHeaders(health, -1);
                exchange.close();
            });
            server.createContext("/api/", exchange -> {
                calls.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!body.isEmpty()) {
                    bodies.add(body);
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }
}
