package dev.shipgate.notification.webhook.adapter;

import dev.shipgate.notification.webhook.application.WebhookSender;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * Posts with the JDK's client. Redirects are not followed (a 3xx is a failure): following one would reach a URL the
 * address policy never saw. The answer's body is read and dropped, at most what the client buffers.
 */
class HttpWebhookSender implements WebhookSender {

    private final HttpClient client;
    private final Duration timeout;

    HttpWebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Outcome post(URI url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("user-agent", "Shipgate-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? new Outcome(status, null)
                    : new Outcome(status, "the receiver answered HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Outcome(0, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Outcome(0, "cannot reach the receiver: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted while sending");
        }
    }
}
