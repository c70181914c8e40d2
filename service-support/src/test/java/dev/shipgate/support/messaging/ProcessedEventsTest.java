package dev.shipgate.support.messaging;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The records of applied events, counted in the commands the driver sends to the embedded default database. */
class ProcessedEventsTest {

    private final ConcurrentMap<String, AtomicInteger> commands = new ConcurrentHashMap<>();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(SharedInfra.get().mongoUri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    commands.computeIfAbsent(event.getCommandName(), name -> new AtomicInteger()).incrementAndGet();
                }
            }).build());
    private final MongoTemplate mongo = new MongoTemplate(client, "processed-" + UUID.randomUUID());

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void many_events_applied_at_once_are_recorded_in_one_insert_and_seen_by_the_next_instance() {
        List<String> eventIds = IntStream.range(0, 100).mapToObj(i -> UUID.randomUUID().toString()).toList();
        try (ProcessedEvents first = new ProcessedEvents(mongo)) {
            eventIds.parallelStream().forEach(id -> first.markProcessed("deployments", id));
            assertThat(eventIds).allMatch(id -> first.isProcessed("deployments", id)); // from memory, no read
            assertThat(commands.getOrDefault("find", new AtomicInteger()).get()).isZero();
        } // stopped in order: what it held is written

        assertThat(commands.get("insert").get()).isBetween(1, 2);
        try (ProcessedEvents next = new ProcessedEvents(mongo)) { // e.g. after a restart
            assertThat(eventIds).allMatch(id -> next.isProcessed("deployments", id));
            assertThat(next.isProcessed("mail", eventIds.get(0))).isFalse(); // each consumer keeps its own
        }
    }

    @Test
    void a_record_reaches_the_database_within_moments_without_a_shutdown() throws InterruptedException {
        ProcessedEvents running = new ProcessedEvents(mongo);
        running.markProcessed("images", "e-1");

        Thread.sleep(ProcessedEvents.WRITE_MILLIS * 5);

        assertThat(new ProcessedEvents(mongo).isProcessed("images", "e-1")).isTrue(); // another instance
    }

    @Test
    void a_record_written_twice_by_two_instances_is_kept_once_and_later_ones_still_go_in() {
        try (ProcessedEvents one = new ProcessedEvents(mongo); ProcessedEvents other = new ProcessedEvents(mongo)) {
            one.markProcessed("images", "e-2");
            other.markProcessed("images", "e-2");
            one.write();
            other.write(); // a duplicate key: the same outcome, not an error that keeps it pending
            other.markProcessed("images", "e-3");
            other.write();
        }
        assertThat(mongo.getCollection(ProcessedEvents.COLLECTION).countDocuments()).isEqualTo(2);
    }
    @Test
    void an_event_younger_than_this_instances_reading_of_its_partition_is_answered_from_memory_alone() {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (ProcessedEvents processed = new ProcessedEvents(mongo, clock)) {
            Optional<Instant> readingSince = Optional.of(clock.instant());
            clock.step(ProcessedEvents.SKEW.plusSeconds(1));
            commands.clear();

            assertThat(processed.isProcessed("decisions", "ev-new", clock.instant(), readingSince)).isFalse();
            processed.markProcessed("decisions", "ev-new", clock.instant());
            assertThat(processed.isProcessed("decisions", "ev-new", clock.instant(), readingSince)).isTrue();
            assertThat(commands.getOrDefault("find", new AtomicInteger()).get()).as("finds").isZero();

            Instant beforeReading = readingSince.get().plus(ProcessedEvents.SKEW).minusMillis(1);
            assertThat(processed.isProcessed("decisions", "ev-old", beforeReading, readingSince)).isFalse();
            assertThat(processed.isProcessed("decisions", "ev-future", clock.instant().plus(ProcessedEvents.SKEW)
                    .plusMillis(1), readingSince)).isFalse();
            assertThat(processed.isProcessed("decisions", "ev-unknown-partition", clock.instant(), Optional.empty()))
                    .isFalse();
            assertThat(commands.get("find").get()).as("an older event, one from the future, one from a partition"
                    + " of unknown reading: each looked up").isEqualTo(3);
        }
    }

    @Test
    void a_flush_interrupted_while_waiting_leaves_the_caller_interrupted() {
        try (ProcessedEvents running = new ProcessedEvents(mongo)) {
            running.markProcessed("images", "e-4");
            Thread.currentThread().interrupt(); // e.g. the consumer thread is being stopped during a rebalance
            running.flush();
            assertThat(Thread.interrupted()).isTrue(); // read and cleared: the thread goes on being used by JUnit
        }
    }
}
