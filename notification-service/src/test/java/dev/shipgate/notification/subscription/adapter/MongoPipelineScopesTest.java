package dev.shipgate.notification.subscription.adapter;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shipgate.contracts.access.Scope;
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
 * Issue 19: the pipeline replica keeps each pipeline's own reminder plan from its event (the real MongoDB-compatible
 * server): read back as sent, fields left out stay left out, a new event replaces it, a deleted pipeline has none.
 */
class MongoPipelineScopesTest {

    final MongoClient client = MongoClients.create(SharedInfra.get().mongoUri());
    final MongoPipelineScopes pipelines = new MongoPipelineScopes(new MongoTemplate(client,
            "scopes-" + UUID.randomUUID()), new ShortLivedCache<>(Duration.ofMinutes(5), Clock.systemUTC()));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void a_pipeline_s_own_plan_is_kept_as_its_event_carried_it_and_replaced_by_the_next() {
        PipelineReminders plan = new PipelineReminders(Duration.ofMinutes(90), null, 3, Duration.ofDays(1), "ops");
        pipelines.apply(pipeline("pl-1", false, plan));
        pipelines.apply(pipeline("pl-2", false, null));

        assertThat(pipelines.remindersOf("pl-1")).contains(plan);
        assertThat(pipelines.scopeOf("pl-1")).contains(new Scope("shop", "payments", "prod"));
        assertThat(pipelines.remindersOf("pl-2")).as("no plan of its own").isEmpty();
        assertThat(pipelines.remindersOf("pl-unknown")).isEmpty();

        PipelineReminders quiet = new PipelineReminders(null, null, null, null, "");
        pipelines.apply(pipeline("pl-1", false, quiet));
        assertThat(pipelines.remindersOf("pl-1")).contains(quiet);
        pipelines.apply(pipeline("pl-1", true, plan));
        assertThat(pipelines.remindersOf("pl-1")).isEmpty();
    }

    private static PipelineConfigured pipeline(String id, boolean deleted, PipelineReminders plan) {
        return new PipelineConfigured(id, "shop", "payments", "prod", "simulated", 1, List.of(), 86_400, null, false,
                "MANUAL", deleted, null, plan);
    }
}
