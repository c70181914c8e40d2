package dev.shipgate.support.messaging;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which events a consumer has already applied, by event id, so that an event delivered twice changes nothing.
 * Handlers are written to be idempotent too (upserts by natural id, conditional updates), which covers a crash
 * between applying an event and recording it here.
 * <p>
 * Records are written {@value #WRITE_MILLIS} ms at most after the event was applied, all of that time's in one insert
 * (one database command per pass instead of one per event), and at once when this instance gives partitions up;
 * until then this instance answers from memory. A crash in between loses at most that time's records: the events are
 * then applied again on redelivery, which the handlers' idempotence covers as above.
 * <p>
 * Most events need no read at all. A copy of an event (a record delivered again, or an event its outbox sent again)
 * has the same time ({@code ce_time}) and the same key, so the same partition, as the original, and the original
 * reached its consumer only after that time. So when this instance has read the event's partition since before the
 * event's time, only this instance can have applied it, and it remembers, by event time, every event it applied in
 * the last {@link #MEMORY}: for an event younger than both, memory answers alone. Older events, and events from a
 * clock more than {@link #SKEW} ahead, are looked up as before. This holds while hosts' clocks differ by less than
 * {@link #SKEW}.
 */
public class ProcessedEvents implements AutoCloseable {

    static final String COLLECTION = "processed_events";
    static final long WRITE_MILLIS = 200;
    /** How long, by event time, this instance remembers the events it applied. */
    static final Duration MEMORY = Duration.ofMinutes(2);
    /** The largest difference between two hosts' clocks this trusts. */
    static final Duration SKEW = Duration.ofSeconds(30);
    private static final int DUPLICATE_KEY = 11000;
    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<String, Instant> unwritten = new ConcurrentHashMap<>();
    private final Map<String, Instant> remembered = new ConcurrentHashMap<>(); // by event time, for MEMORY
    private final NavigableSet<Remembered> byEventTime = new ConcurrentSkipListSet<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "processed-events");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * On the host's own clock, not the service's {@code Clock} bean: partitions are read in real time. Under a system
     * test's moved clock (service-support's {@code OffsetFileClock}) event times run ahead of it, so every event is
     * looked up in the database and the memory is not pruned during that run: slower, still right.
     */
    public ProcessedEvents(MongoTemplate mongo) {
        this(mongo, Clock.systemUTC());
    }

    public ProcessedEvents(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        writer.scheduleWithFixedDelay(this::write, WRITE_MILLIS, WRITE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A find by {@code _id}, not {@code exists}: that one counts through an aggregation, which the embedded database
     * answers by scanning the whole collection (it grows by one document per event).
     */
    public boolean isProcessed(String consumer, String eventId) {
        String key = key(consumer, eventId);
        return unwritten.containsKey(key) || mongo.getCollection(COLLECTION).find(Filters.eq("_id", key))
                .projection(Projections.include("_id")).first() != null;
    }

    /**
     * As {@link #isProcessed(String, String)}, without a read when only this instance can have applied the event.
     *
     * @param eventTime    the event's {@code ce_time}
     * @param readingSince since when this instance has read the event's partition for this consumer without a break
     *                     ({@link PartitionOwnership}); empty when unknown
     */
    public boolean isProcessed(String consumer, String eventId, Instant eventTime, Optional<Instant> readingSince) {
        String key = key(consumer, eventId);
        if (unwritten.containsKey(key) || remembered.containsKey(key)) {
            return true;
        }
        return !onlyHereCanHaveApplied(eventTime, readingSince) && isProcessed(consumer, eventId);
    }

    private boolean onlyHereCanHaveApplied(Instant eventTime, Optional<Instant> readingSince) {
        if (eventTime == null || readingSince.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        Instant rememberedFrom = readingSince.get().isAfter(now.minus(MEMORY)) ? readingSince.get()
                : now.minus(MEMORY);
        return !eventTime.isBefore(rememberedFrom.plus(SKEW)) && !eventTime.isAfter(now.plus(SKEW));
    }

    public void markProcessed(String consumer, String eventId) {
        unwritten.put(key(consumer, eventId), clock.instant());
    }

    /** As above, remembering the event by its time (see the class comment). */
    public void markProcessed(String consumer, String eventId, Instant eventTime) {
        markProcessed(consumer, eventId);
        if (eventTime != null) {
            String key = key(consumer, eventId);
            remembered.put(key, eventTime);
            byEventTime.add(new Remembered(eventTime, key));
        }
    }

    /** Writes the records kept in memory now, waiting for it (at most 5 s): partitions are about to move. */
    public void flush() {
        try {
            writer.submit(this::write).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // the caller (a rebalance, a shutdown) is being stopped: it must still see that it was interrupted
            Thread.currentThread().interrupt();
            log.warn("processed events not recorded before partitions moved: interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("processed events not recorded before partitions moved: {}", e.toString());
        }
    }

    /** Writes the records kept in memory; those already there (a concurrent redelivery marked it first) are fine. */
    void write() {
        forgetOlderThan(clock.instant().minus(MEMORY));
        if (unwritten.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(unwritten.keySet());
        List<Document> records = keys.stream()
                .map(key -> new Document("_id", key).append("at", Date.from(unwritten.get(key)))).toList();
        try {
            mongo.getCollection(COLLECTION).insertMany(records, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
                log.warn("processed events not recorded yet: {}", e.getMessage());
                return; // kept in memory, written at the next pass
            }
        } catch (RuntimeException e) {
            log.warn("processed events not recorded yet: {}", e.getMessage());
            return;
        }
        keys.forEach(unwritten::remove);
    }

    /** Writes what is still in memory, so that a service stopped in order applies nothing again at its next start. */
    @Override
    public void close() {
        try {
            writer.submit(this::write).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // the caller (a rebalance, a shutdown) is being stopped: it must still see that it was interrupted
            Thread.currentThread().interrupt();
            log.warn("processed events not recorded before partitions moved: interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("processed events not recorded at shutdown: {}", e.toString());
        }
        writer.shutdownNow();
    }

    private void forgetOlderThan(Instant eventTime) {
        for (Remembered oldest = first(); oldest != null && oldest.eventTime().isBefore(eventTime); oldest = first()) {
            byEventTime.remove(oldest);
            remembered.remove(oldest.key(), oldest.eventTime());
        }
    }

    private Remembered first() {
        return byEventTime.isEmpty() ? null : byEventTime.first();
    }

    private record Remembered(Instant eventTime, String key) implements Comparable<Remembered> {
        @Override
        public int compareTo(Remembered other) {
            int byTime = eventTime.compareTo(other.eventTime);
            return byTime != 0 ? byTime : key.compareTo(other.key);
        }
    }

    private static String key(String consumer, String eventId) {
        return consumer + ":" + eventId;
    }
}
