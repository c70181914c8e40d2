package dev.shipgate.support.web.live;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A {@link ChangeFeed} as a Server-Sent Events stream ({@code text/event-stream}): an event named {@code event} with
 * data {@code open} when the stream starts, then {@code changed} each time the watched thing changes, and a comment
 * line every keep-alive so proxies and the client see the stream is alive. The events carry no data of their own: the
 * client reads again through the matching GET, which applies its own rules. Before each event the caller's right to
 * watch is checked again (it may have been taken away); the stream ends after {@code lifetime}, so a client that
 * reconnects (EventSource does, so does the UI) is authenticated again, and a revoked token stops within it.
 */
public final class ChangeStreams {

    public static final String OPENED = "open";
    public static final String CHANGED = "changed";

    /** How often a stream's feed reads what it watches: a change reaches the client within a second. */
    public static final Duration POLL = Duration.ofSeconds(1);
    /** Below the idle timeouts of common proxies (30 s and more). */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** How long a stream stays open before the client reconnects (and is authenticated again). */
    public static final Duration LIFETIME = Duration.ofMinutes(2);

    private ChangeStreams() {
    }

    /**
     * A feed for streams, read every {@link #POLL} with a keep-alive every {@link #KEEP_ALIVE}.
     *
     * @param fingerprint see {@link ChangeFeed}
     * @param name        the polling thread's name
     */
    public static <K> ChangeFeed<K> feed(Function<K, String> fingerprint, String name) {
        return new ChangeFeed<>(fingerprint, POLL, KEEP_ALIVE, name);
    }

    /** A stream as below that ends after {@link #LIFETIME}. */
    public static <K> SseEmitter open(ChangeFeed<K> feed, K key, String event, BooleanSupplier stillAllowed) {
        return open(feed, key, event, LIFETIME, stillAllowed);
    }

    /**
     * @param stillAllowed asked before each event: false ends the stream
     * @return the open stream, its first event already queued
     */
    public static <K> SseEmitter open(ChangeFeed<K> feed, K key, String event, Duration lifetime,
                                      BooleanSupplier stillAllowed) {
        SseEmitter emitter = new SseEmitter(lifetime.toMillis());
        Runnable stop = feed.listen(key, new ChangeFeed.Listener() {
            @Override
            public boolean changed() {
                if (!stillAllowed.getAsBoolean()) {
                    emitter.complete();
                    return false;
                }
                return send(emitter, SseEmitter.event().name(event).data(CHANGED, MediaType.TEXT_PLAIN));
            }

            @Override
            public boolean idle() {
                return send(emitter, SseEmitter.event().comment("keep-alive"));
            }
        });
        emitter.onCompletion(stop);
        emitter.onError(error -> stop.run());
        emitter.onTimeout(() -> {
            stop.run();
            emitter.complete();
        });
        send(emitter, SseEmitter.event().name(event).data(OPENED, MediaType.TEXT_PLAIN).reconnectTime(1000));
        return emitter;
    }

    private static boolean send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException gone) { // the client went away, or the stream has ended
            return false;
        }
    }
}
