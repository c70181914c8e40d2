package dev.shipgate.support.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.SteppingClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of a consumer group under generated sequences of new events (their times up to 20 s off either way,
 * as hosts' clocks are), deliveries again of any earlier event, partitions moving between the instances, and time
 * passing: every copy of an applied event is known as applied by whichever instance reads it, and a new event never
 * is, whether memory answers or the database does.
 */
class ProcessedEventsProperties {

    private static final String GROUP = "deploy-service.decisions";
    private static final String TOPIC = "shipgate.deploy-decisions.v1";
    private static final MongoClient CLIENT = MongoClients.create(SharedInfra.get().mongoUri());

    sealed interface Step permits Publish, Redeliver, Move, Pause {
    }

    record Publish(int partition, long clockOffsetMillis) implements Step {
    }

    record Redeliver(int which) implements Step {
    }

    record Move(int partition) implements Step {
    }

    record Pause(long millis) implements Step {
    }

    private record Applied(String id, Instant time, int partition) {
    }

    @AfterContainer
    static void close() {
        CLIENT.close();
    }

    @Property(tries = 150)
    void every_copy_of_an_applied_event_is_known_and_no_new_event_is(@ForAll("steps") List<Step> steps) {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00Z"));
        MongoTemplate mongo = new MongoTemplate(CLIENT, "processed-" + UUID.randomUUID());
        List<ProcessedEvents> processed = List.of(new ProcessedEvents(mongo, clock), new ProcessedEvents(mongo, clock));
        List<PartitionOwnership> ownership = List.of(new PartitionOwnership(clock, processed.get(0)),
                new PartitionOwnership(clock, processed.get(1)));
        int[] owner = {0, 1};
        ownership.get(0).assigned(GROUP, List.of(new TopicPartition(TOPIC, 0)));
        ownership.get(1).assigned(GROUP, List.of(new TopicPartition(TOPIC, 1)));
        List<Applied> applied = new ArrayList<>();
        try {
            for (Step step : steps) {
                if (step instanceof Publish publish) {
                    Applied event = new Applied(UUID.randomUUID().toString(),
                            clock.instant().plusMillis(publish.clockOffsetMillis()), publish.partition());
                    int reader = owner[event.partition()];
                    assertThat(isProcessed(processed.get(reader), ownership.get(reader), event))
                            .as("a new event").isFalse();
                    processed.get(reader).markProcessed(GROUP, event.id(), event.time());
                    applied.add(event);
                } else if (step instanceof Redeliver redeliver && !applied.isEmpty()) {
                    Applied event = applied.get(redeliver.which() % applied.size());
                    int reader = owner[event.partition()];
                    assertThat(isProcessed(processed.get(reader), ownership.get(reader), event))
                            .as("a copy of " + event).isTrue();
                } else if (step instanceof Move move) {
                    List<TopicPartition> moving = List.of(new TopicPartition(TOPIC, move.partition()));
                    ownership.get(owner[move.partition()]).gone(GROUP, moving);
                    owner[move.partition()] = 1 - owner[move.partition()];
                    ownership.get(owner[move.partition()]).assigned(GROUP, moving);
                } else if (step instanceof Pause pause) {
                    clock.step(Duration.ofMillis(pause.millis()));
                }
            }
        } finally {
            processed.forEach(ProcessedEvents::close);
            mongo.getDb().drop();
        }
    }

    private static boolean isProcessed(ProcessedEvents processed, PartitionOwnership ownership, Applied event) {
        return processed.isProcessed(GROUP, event.id(), event.time(),
                ownership.readingSince(GROUP, TOPIC, event.partition()));
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> publish = Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.longs().between(-20_000, 20_000)).as(Publish::new);
        Arbitrary<Step> redeliver = Arbitraries.integers().between(0, 1_000).map(Redeliver::new);
        Arbitrary<Step> move = Arbitraries.integers().between(0, 1).map(Move::new);
        Arbitrary<Step> pause = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 5_000)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(20_000, 200_000))).map(Pause::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, publish), net.jqwik.api.Tuple.of(4, redeliver),
                net.jqwik.api.Tuple.of(1, move), net.jqwik.api.Tuple.of(3, pause)).list().ofMaxSize(40);
    }
}
