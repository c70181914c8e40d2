package dev.shipgate.runtime;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server's secondary indexes change how a read is answered, never what it answers: any sequence of
 * inserts, updates and deletes, then the reads a newest-first list makes (a page after a cursor, oldest first, with
 * a search, skipped and limited) and its counts, give the same documents in the same order from a collection with
 * the index ({@link OrderedIndex}) as from one without it (the library's scan and sort); also after the server is
 * restarted on its file, which rebuilds the index.
 */
class OrderedIndexProperties {

    private static final List<String> APPLICATIONS = List.of("payments", "shop", "search");
    private static Path dir;

    @BeforeContainer
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("ordered-index");
    }

    @AfterContainer
    static void removeDirectory() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    /** A write; a null {@code builtAt} leaves the field out, {@link Stored#NULL} stores a null. */
    sealed interface Operation permits Insert, SetTime, Delete {
        void applyTo(MongoCollection<Document> collection);

        static Object stored(Object builtAt) {
            return builtAt == Stored.NULL ? null : builtAt;
        }
    }

    record Insert(int id, String application, Object builtAt, String tag) implements Operation {
        @Override
        public void applyTo(MongoCollection<Document> collection) {
            if (collection.countDocuments(Filters.eq("_id", id)) > 0) {
                return;
            }
            Document document = new Document("_id", id).append("tag", tag);
            if (application != null) {
                document.append("application", application);
            }
            if (builtAt != null) {
                document.append("builtAt", Operation.stored(builtAt));
            }
            collection.insertOne(document);
        }
    }

    record SetTime(int id, Object builtAt) implements Operation {
        @Override
        public void applyTo(MongoCollection<Document> collection) {
            collection.updateOne(Filters.eq("_id", id), builtAt == null ? Updates.unset("builtAt")
                    : Updates.set("builtAt", Operation.stored(builtAt)));
        }
    }

    record Delete(int id) implements Operation {
        @Override
        public void applyTo(MongoCollection<Document> collection) {
            collection.deleteOne(Filters.eq("_id", id));
        }
    }

    /** A newest-first page: the application's documents after a cursor (or none), in either direction. */
    record Read(String application, Integer cursorTime, int cursorId, boolean oldestFirst, String search, int skip,
                int limit, boolean oneDocument) {
        Bson filter() {
            List<Bson> parts = new ArrayList<>(List.of(Filters.eq("application", application)));
            if (cursorTime != null) {
                Date at = new Date(cursorTime * 1000L);
                // the driver's and() writes $and; Spring's Criteria (NewestFirst) one document
                parts.add(Filters.or(Filters.lt("builtAt", at), oneDocument
                        ? new Document("builtAt", at).append("_id", new Document("$lt", cursorId))
                        : Filters.and(Filters.eq("builtAt", at), Filters.lt("_id", cursorId))));
            }
            if (search != null) {
                parts.add(Filters.regex("tag", search));
            }
            return parts.size() == 1 ? parts.get(0) : Filters.and(parts);
        }

        Bson sort() {
            return oldestFirst ? Sorts.ascending("builtAt", "_id") : Sorts.descending("builtAt", "_id");
        }
    }

    @Property(tries = 60)
    void aCollectionWithTheIndexAnswersAsOneWithout(@ForAll("operations") List<Operation> operations,
                                                   @ForAll("reads") List<Read> reads) {
        String file = dir.resolve(UUID.randomUUID() + ".mv").toString();
        serve(file, database -> {
            MongoCollection<Document> indexed = database.getCollection("indexed");
            MongoCollection<Document> plain = database.getCollection("plain");
            indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("application"),
                    Indexes.descending("builtAt"), Indexes.descending("_id")));
            for (Operation operation : operations) {
                operation.applyTo(indexed);
                operation.applyTo(plain);
            }
            answerAlike(indexed, plain, reads);
        });
        serve(file, database -> answerAlike(database.getCollection("indexed"), database.getCollection("plain"),
                reads));
    }

    private static void answerAlike(MongoCollection<Document> indexed, MongoCollection<Document> plain,
                                    List<Read> reads) {
        for (Read read : reads) {
            assertThat(page(indexed, read)).as(read.toString()).isEqualTo(page(plain, read));
            assertThat(indexed.countDocuments(read.filter())).as("count " + read)
                    .isEqualTo(plain.countDocuments(read.filter()));
            Bson application = Filters.eq("application", read.application());
            assertThat(indexed.countDocuments(application)).isEqualTo(plain.countDocuments(application));
        }
    }

    private static List<Document> page(MongoCollection<Document> collection, Read read) {
        return collection.find(read.filter()).sort(read.sort()).skip(read.skip()).limit(read.limit())
                .into(new ArrayList<>());
    }

    /** A stored null, apart from a field left out (a Java null in the operations). */
    enum Stored { NULL }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<Integer> ids = Arbitraries.integers().between(1, 40);
        Arbitrary<String> applications = Arbitraries.of(APPLICATIONS).injectNull(0.1);
        Arbitrary<Object> times = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 12).map(seconds -> new Date(seconds * 1000L)),
                Arbitraries.of(Stored.NULL), Arbitraries.integers().between(0, 3).map(n -> (Object) n))
                .injectNull(0.05);
        Arbitrary<String> tags = Arbitraries.of("1.0.0", "1.2.0", "2.0.0-rc1", "hotfix");
        Arbitrary<Operation> insert = Combinators.combine(ids, applications, times, tags).as(Insert::new);
        Arbitrary<Operation> setTime = Combinators.combine(ids, times).as(SetTime::new);
        Arbitrary<Operation> delete = ids.map(Delete::new);
        return Arbitraries.frequencyOf(
                Tuple.of(6, insert), Tuple.of(2, setTime),
                Tuple.of(1, delete)).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Read>> reads() {
        return Combinators.combine(Arbitraries.of(APPLICATIONS),
                        Arbitraries.integers().between(0, 12).injectNull(0.4), Arbitraries.integers().between(1, 40),
                        Arbitraries.of(true, false), Arbitraries.of("^1", "rc").injectNull(0.7),
                        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 12),
                        Arbitraries.of(true, false))
                .as(Read::new).list().ofMinSize(1).ofMaxSize(4);
    }

    private static void serve(String file, Consumer<MongoDatabase> work) {
        MongoServer server = new MongoServer(new BsonH2Backend(file));
        try {
            var address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                work.accept(client.getDatabase("shipgate"));
            }
        } finally {
            server.shutdown();
        }
    }
}
