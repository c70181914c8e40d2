package dev.shipgate.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A small HTTP client for tests: JSON in, status and JSON out, as a given user. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, String contentType, String body,
                           java.util.Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }

        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }

        public String reason() {
            return json().path("reason").asString();
        }
    }

    public Response get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response post(String user, String path, Object body) {
        return sendJson(user, "POST", path, body);
    }

    public Response put(String user, String path, Object body) {
        return sendJson(user, "PUT", path, body);
    }

    public Response delete(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    /** Sends raw text as the body, for malformed input. */
    public Response postRaw(String user, String path, String rawBody) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rawBody)));
    }

    /** With an explicit Authorization header value (or none when null): for bad tokens. */
    public Response getWithAuthorization(String authorization, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder);
    }

    /** POST with an explicit Authorization header value (a token from a real sign-in). */
    public Response postWithAuthorization(String authorization, String path, Object body) {
        return withAuthorization(authorization, "POST", path, body);
    }

    public Response putWithAuthorization(String authorization, String path, Object body) {
        return withAuthorization(authorization, "PUT", path, body);
    }

    public Response deleteWithAuthorization(String authorization, String path) {
        return withAuthorization(authorization, "DELETE", path, null);
    }

    /** Any method, raw body (none when null), content type and Authorization (none when null): generated requests. */
    public Response request(String method, String path, String authorization, String contentType, String rawBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method,
                rawBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(rawBody));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder);
    }

    /** POST with an explicit Authorization (none when null) and more headers, such as {@code Idempotency-Key}. */
    public Response postWithHeaders(String authorization, String path, Object body, Map<String, String> headers) {
        return withAuthorization(authorization, "POST", path, body, headers);
    }

    private Response withAuthorization(String authorization, String method, String path, Object body) {
        return withAuthorization(authorization, method, path, body, Map.of());
    }

    private Response withAuthorization(String authorization, String method, String path, Object body,
                                       Map<String, String> headers) {
        String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text));
        headers.forEach(builder::header);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder);
    }

    private Response sendJson(String user, String method, String path, Object body) {
        String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text)));
    }

    private Response send(String user, HttpRequest.Builder builder) {
        if (user != null) {
            builder.header("Authorization", "Bearer " + TestTokens.forUser(user));
        }
        return send(builder);
    }

    /**
     * The body as text, except a server-sent event stream's: that never ends, so its answer is the status and headers
     * alone (the stream is closed at once, its body is empty).
     */
    private static final HttpResponse.BodyHandler<String> BODY = info -> info.headers().firstValue("Content-Type")
            .filter(type -> type.startsWith("text/event-stream")).isPresent()
            ? new StreamNotRead() : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);

    private static final class StreamNotRead implements HttpResponse.BodySubscriber<String> {
        @Override
        public CompletionStage<String> getBody() {
            return CompletableFuture.completedFuture("");
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.timeout(Duration.ofSeconds(30)).build(), BODY);
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
