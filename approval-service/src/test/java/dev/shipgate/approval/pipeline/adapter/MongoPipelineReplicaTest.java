package dev.shipgate.approval.pipeline.adapter;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.cache.ShortLivedCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: the pipelines' own reminder plans, from their events, kept in the replica (the real MongoDB-compatible
 * server): durations and group read back as sent, a pipeline without a plan or deleted is not listed, and a changed
 * plan is seen at once although the list is cached.
 */
class MongoPipelineReplicaTest {

    final MongoClient client = MongoClients.create(SharedInfra.get().mongoUri());
    final MongoPipelineReplica replica = new MongoPipelineReplica(
            new MongoTemplate(client, "replica-" + UUID.randomUUID()),
            new ShortLivedCache<>(Duration.ofMinutes(5), Clock.systemUTC()),
            new ShortLivedCache<>(Duration.ofMinutes(5), Clock.systemUTC()));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void the_pipelines_own_plans_are_listed_as_their_events_carried_them_and_a_change_is_seen_at_once() {
        PipelineReminders plan = new PipelineReminders(Duration.ofMinutes(90), null, 3, Duration.ofHours(24),
                "release-managers");
        replica.save(ReplicatedPipeline.from(pipeline("pl-own", false, plan)));
        replica.save(ReplicatedPipeline.from(pipeline("pl-default", false, null)));
        replica.save(ReplicatedPipeline.from(pipeline("pl-gone", true, plan)));

        assertThat(replica.ownReminders()).containsOnlyKeys("pl-own").containsEntry("pl-own", plan);
        assertThat(replica.find("pl-own").orElseThrow().reminders()).isEqualTo(plan);

        PipelineReminders quiet = new PipelineReminders(null, null, null, null, "");
        replica.save(ReplicatedPipeline.from(pipeline("pl-default", false, quiet)));
        assertThat(replica.ownReminders()).containsOnlyKeys("pl-own", "pl-default")
                .containsEntry("pl-default", quiet);
    }

    private static PipelineConfigured pipeline(String id, boolean deleted, PipelineReminders plan) {
        return new PipelineConfigured(id, "shop", "payments", "prod", "simulated", 1, List.of(), 86_400, null, false,
                "MANUAL", deleted, null, plan);
    }
}
