package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.bson.Document;

import java.time.Clock;
import java.util.List;

/**
 * Turns the payloads a state change caused into outbox entries: each gets its envelope (id, source, time, the
 * current trace context) at the moment of the change.
 */
public class Outbox {

    private final String source;
    private final Clock clock;
    private final Tracer tracer;
    private final OutboxRelay relay;

    public Outbox(String serviceName, Clock clock, Tracer tracer, OutboxRelay relay) {
        this.source = "/shipgate/" + serviceName;
        this.clock = clock;
        this.tracer = tracer;
        this.relay = relay;
    }

    public List<Document> entries(List<? extends EventPayload> payloads) {
        String traceparent = currentTraceparent();
        return payloads.stream()
                .map(payload -> OutboxEvent.of(EventEnvelope.of(source, clock.instant(), traceparent, payload))
                        .toDocument())
                .toList();
    }

    /** Call after the write that queued entries in document {@code id}, so they go out now, not at the next poll. */
    public void flushSoon(String collection, Object id) {
        relay.wakeUp(collection, id);
    }

    /** As above, with the document's outbox as the write left it (returned by the write), which saves a read. */
    public void flushSoon(String collection, Object id, List<Document> outboxAfterWrite) {
        relay.relay(collection, id, outboxAfterWrite);
    }

    private String currentTraceparent() {
        Span span = tracer == null ? null : tracer.currentSpan();
        if (span == null) {
            return null;
        }
        // W3C trace flags: 01 only when this trace is sampled, so consumers follow the same decision
        String flags = Boolean.TRUE.equals(span.context().sampled()) ? "01" : "00";
        return "00-" + span.context().traceId() + "-" + span.context().spanId() + "-" + flags;
    }
}
