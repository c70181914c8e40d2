package dev.shipgate.support.messaging;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.shipgate.runtime.SharedInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
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
}
