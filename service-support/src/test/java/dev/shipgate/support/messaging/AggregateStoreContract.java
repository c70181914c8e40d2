package dev.shipgate.support.messaging;

import com.mongodb.client.MongoClients;
import dev.shipgate.contracts.events.ImageBuilt;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the services rely on from the database, run against each server Shipgate supports: versioned single-document
 * updates that queue their events in the same write, and a unique sparse index.
 */
abstract class AggregateStoreContract {

    record Counter(String id, int count, long version) {
    }

    abstract String mongoUri();

    private MongoTemplate mongo() {
        return new MongoTemplate(MongoClients.create(mongoUri()), "contract-" + UUID.randomUUID());
    }

    private static final ImageBuilt EVENT = new ImageBuilt("sha256:1", "r", "t", null, "a", "ci", Instant.EPOCH);

    @Test
    void an_update_applies_only_to_the_version_it_was_decided_on_and_queues_its_events() {
        MongoTemplate mongo = mongo();
        AggregateStore store = new AggregateStore(mongo, new Outbox("test", Clock.systemUTC(), null,
                new OutboxRelay(mongo, null, List.of(), 3_600_000, 3_600_000)));
        store.insert("counters", new Counter("c1", 0, 0), List.of(EVENT), Map.of());

        boolean first = store.update("counters", "c1", new Counter("c1", 1, 0), 0, List.of(EVENT), Map.of());
        boolean stale = store.update("counters", "c1", new Counter("c1", 99, 0), 0, List.of(EVENT), Map.of());

        Document stored = mongo.findById("c1", Document.class, "counters");
        assertThat(first).isTrue();
        assertThat(stale).isFalse();
        assertThat(stored.getInteger("count")).isEqualTo(1);
        assertThat(stored.getLong("version")).isEqualTo(1L);
        assertThat(stored.getList("outbox", Document.class)).hasSize(2);
    }

    @Test
    void a_unique_sparse_index_allows_one_document_with_the_key_and_any_number_without() {
        MongoTemplate mongo = mongo();
        mongo.indexOps("open").createIndex(new Index("openKey", Sort.Direction.ASC).unique().sparse());
        mongo.insert(new Document("_id", "a").append("openKey", "p|d"), "open");
        mongo.insert(new Document("_id", "b"), "open");
        mongo.insert(new Document("_id", "c"), "open");

        assertThatThrownBy(() -> mongo.insert(new Document("_id", "d").append("openKey", "p|d"), "open"))
                .isInstanceOf(DuplicateKeyException.class);
    }
}
