package dev.shipgate.approval.audit.adapter;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.application.InMemoryAccessStore;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.approval.audit.application.AuditQuery;
import dev.shipgate.approval.audit.application.AuditService;
import dev.shipgate.approval.audit.domain.AuditRecord;
import dev.shipgate.approval.shared.CollectionNames;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.runtime.SharedInfra;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit's pager (issue 17: every list pages by cursor) against the MongoDB-compatible server run as a real
 * process: for random records in the three sources the audit reads (request history lines, refused attempts, deploy
 * decisions) and the computed ended-grant lines, many of them in the same millisecond, following the cursor page by
 * page while new records are written between the pages reaches every record that was there at the start exactly
 * once, newest first, and every page's total counts what matches then.
 */
class AuditPagingProperties {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final MongoClient CLIENT = MongoClients.create(SharedInfra.get().mongoUri());
    private static final Scope PAYMENTS = new Scope("shop", "payments", "*");
    private static final Map<String, Scope> PIPELINES = Map.of("pl-a", PAYMENTS, "pl-b", PAYMENTS);
    private static final Permissions SUPER_ADMIN = new Permissions("dave",
            List.of(new Grant(Role.SUPER_ADMIN, Scope.everywhere())));
    private static final Permissions VIEWER = new Permissions("erin", List.of(new Grant(Role.VIEW, PAYMENTS)));

    @AfterContainer
    static void close() {
        CLIENT.close();
    }

    /** One record to write: its source (0 history line, 1 refusal, 2 decision, 3 ended grant), ms after T0. */
    record Write(int source, int request, int millis, String pipeline) {
    }

    @Property(tries = 60)
    void following_the_cursor_reaches_every_record_once_newest_first_while_records_are_written(
            @ForAll("writes") List<Write> before, @ForAll("writes") List<Write> between,
            @ForAll @IntRange(min = 1, max = 7) int size, @ForAll boolean superAdmin) {
        MongoDatabase database = CLIENT.getDatabase("audit-paging-" + UUID.randomUUID());
        try {
            Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
            AccessService access = new AccessService(new InMemoryAccessStore(), clock);
            AuditService audit = new AuditService(new MongoAuditLog(new MongoTemplate(CLIENT, database.getName())),
                    access, clock);
            Permissions reader = superAdmin ? SUPER_ADMIN : VIEWER;
            List<Write> grants = new ArrayList<>();
            before.forEach(w -> write(database, w, 0, grants));
            access.saveUser(holder(grants));
            List<Write> present = new ArrayList<>(before);
            AuditQuery all = new AuditQuery(null, null, null, null, null, null);
            List<AuditRecord> atStart = audit.page(reader, PIPELINES, all, PageAt.first(1000)).items();
            assertThat(atStart).hasSize(visible(present, superAdmin));

            List<AuditRecord> walked = new ArrayList<>();
            ListPage<AuditRecord> page = audit.page(reader, PIPELINES, all, PageAt.first(size));
            assertThat(page.total()).isEqualTo(atStart.size());
            int written = 0;
            for (int pages = 0; ; pages++) {
                assertThat(pages).isLessThanOrEqualTo(atStart.size());
                assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
                walked.addAll(page.items());
                if (page.next() == null) {
                    break;
                }
                // what happens between two pages: a vote, a refusal, a decision, newer than anything shown
                if (written < between.size()) {
                    present.add(between.get(written));
                    write(database, between.get(written++), 2_000, grants);
                    access.saveUser(holder(grants));
                }
                page = audit.page(reader, PIPELINES, all, new PageAt(page.next(), 0, size));
                assertThat(page.total()).isEqualTo(visible(present, superAdmin));
            }
            assertThat(walked).extracting(AuditRecord::key).doesNotHaveDuplicates();
            assertThat(walked).isSortedAccordingTo(AuditRecord.NEWEST_FIRST);
            assertThat(walked).containsAll(atStart);
        } finally {
            database.drop();
        }
    }

    /** How many of {@code writes} the reader may see: a viewer of payments sees neither pl-other nor grant lines. */
    private static int visible(List<Write> writes, boolean superAdmin) {
        return (int) writes.stream()
                .filter(w -> superAdmin || w.source() != 3 && !w.pipeline().equals("pl-other")).count();
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 6), Arbitraries.of("pl-a", "pl-b", "pl-other"))
                .as(Write::new).list().ofMaxSize(25);
    }

    /**
     * Writes {@code w} as its source's adapter stores it, {@code shift} ms later; ended grants are collected into
     * {@code grants} (held by one user: stored by the caller).
     */
    private static void write(MongoDatabase database, Write w, int shift, List<Write> grants) {
        Date at = Date.from(T0.plusMillis(w.millis() + shift));
        String id = UUID.randomUUID().toString();
        Document via = new Document("kind", "SESSION").append("id", "s-1");
        switch (w.source()) {
            case 0 -> {
                Document line = new Document("at", at).append("actor", "bob").append("action", "APPROVED")
                        .append("via", via);
                database.getCollection(CollectionNames.APPROVAL_REQUESTS).updateOne(
                        new Document("_id", "ar-" + w.request() + "-" + w.pipeline()),
                        new Document("$push", new Document("history", line)).append("$set", new Document("image",
                                new Document("pipelineId", w.pipeline()).append("digest", "sha256:1")
                                        .append("tag", "1.0"))),
                        new com.mongodb.client.model.UpdateOptions().upsert(true));
            }
            case 1 -> database.getCollection(CollectionNames.APPROVAL_REFUSALS).insertOne(new Document("_id", id)
                    .append("at", at).append("actor", "alice").append("action", "APPROVE")
                    .append("reason", "REQUESTER_CANNOT_APPROVE").append("pipelineId", w.pipeline())
                    .append("via", via));
            case 2 -> database.getCollection(CollectionNames.DEPLOY_DECISIONS).insertOne(new Document("_id",
                    "dp-" + id)
                    .append("at", at).append("requestedBy", "alice").append("requestId", null)
                    .append("pipelineId", w.pipeline()).append("via", via));
            default -> grants.add(new Write(w.source(), w.request(), w.millis() + shift, w.pipeline()));
        }
    }

    /** A user holding one ended grant per collected write, each on its own scope (a grant's line is keyed by it). */
    private static User holder(List<Write> grants) {
        List<Grant> held = new ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            held.add(new Grant(Role.IMAGE_APPROVER, new Scope("shop", "app-" + i, "*"),
                    T0.plusMillis(grants.get(i).millis())));
        }
        return new User("gina", "gina@example.com", "Gina", true, List.of(), held);
    }
}
