package dev.shipgate.notification.webhook.it;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver on 127.0.0.1: records every request by path and answers as its path's script says, one
 * answer per request and the last answer from then on. An answer of -1 is no answer in time (it sleeps 3 s).
 */
final class Receiver implements AutoCloseable {

    record Received(String path, Map<String, String> headers, byte[] body, Instant at) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    static final int SLOW = -1;

    private final HttpServer server;
    private final Map<String, List<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", values)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            List<Received> mine = received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
            mine.add(new Received(path, headers, body, Instant.now()));
            List<Integer> script = scripts.getOrDefault(path, List.of(204));
            int answer = script.get(Math.min(mine.size() - 1, script.size() - 1));
            if (answer == SLOW) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer = 204;
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    /** The answers to the requests on {@code path}, in order; the last repeats. */
    void script(String path, Integer... answers) {
        scripts.put(path, List.of(answers));
    }

    List<Received> on(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
