package dev.shipgate.runtime;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database server's file through the MongoDB driver: what the plain H2 backend wrote reads the same once
 * converted, indexes still hold, and a conversion stopped half way goes on at the next start without losing a
 * document.
 */
class BsonH2BackendTest {

    @TempDir
    Path dir;

    @Test
    void aFileWrittenByThePlainBackendReadsTheSameAfterConversionAndAgainAfterARestart() {
        String file = dir.resolve("data.mv").toString();
        List<Document> written = documents(50);
        serve(new H2Backend(file), requests -> {
            requests.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
            requests.insertMany(written);
        });

        for (int start = 0; start < 2; start++) {
            serve(new BsonH2Backend(file), requests -> {
                assertThat(requests.find().sort(Indexes.ascending("n")).into(new ArrayList<>())).isEqualTo(written);
                assertThatThrownBy(() -> requests.insertOne(new Document("name", "request-7")))
                        .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            });
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<String, String> formats = store.openMap(DocumentMaps.FORMATS);
            assertThat(formats).containsEntry("databases.shipgate.requests", "bson")
                    .containsEntry("shipgate.requests._index_name_1", "bson")
                    .containsEntry("shipgate.requests._index__id_", "bson");
            assertThat(store.getMapNames()).as("every converted map is the one the library uses")
                    .containsAll(formats.keySet())
                    .noneMatch(name -> name.startsWith(DocumentMaps.COPY_PREFIX));
        }
    }

    @Test
    void documentsWrittenAndChangedAfterConversionAreThereAfterARestart() {
        String file = dir.resolve("data.mv").toString();
        List<Document> written = documents(20);
        serve(new BsonH2Backend(file), requests -> {
            requests.insertMany(written);
            requests.updateOne(new Document("n", 3), new Document("$push", new Document("votes", "carol"))
                    .append("$inc", new Document("version", 1L)));
        });
        written.get(3).get("votes", List.class).add("carol");
        written.get(3).put("version", 8L);

        serve(new BsonH2Backend(file), requests ->
                assertThat(requests.find().sort(Indexes.ascending("n")).into(new ArrayList<>())).isEqualTo(written));
    }

    @Test
    void aConversionStoppedAfterItsCopyGoesOnAtTheNextStart() {
        String file = dir.resolve("data.mv").toString();
        List<Document> written = documents(30);
        serve(new H2Backend(file), requests -> requests.insertMany(written));
        String map = "databases.shipgate.requests";
        try (MVStore store = MVStore.open(file)) { // the state a stop between the copy and the swap leaves
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> copy = store.openMap(DocumentMaps.COPY_PREFIX + map,
                    new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                            .valueType(BsonDocumentType.INSTANCE));
            copy.putAll(store.<Object, de.bwaldvogel.mongo.bson.Document>openMap(map));
            store.<String, String>openMap(DocumentMaps.FORMATS).put(map, "copied");
            store.removeMap(map);
        }

        serve(new BsonH2Backend(file), requests ->
                assertThat(requests.find().sort(Indexes.ascending("n")).into(new ArrayList<>())).isEqualTo(written));
    }

    @Test
    void aConversionSavedJustBeforeItsLastNoteKeepsItsDocumentsAtTheNextStart() {
        String file = dir.resolve("data.mv").toString();
        List<Document> written = documents(10);
        serve(new H2Backend(file), requests -> requests.insertMany(written));
        serve(new BsonH2Backend(file), requests -> assertThat(requests.countDocuments()).isEqualTo(10));
        try (MVStore store = MVStore.open(file)) { // swapped, but the note still says copied
            store.<String, String>openMap(DocumentMaps.FORMATS).put("databases.shipgate.requests", "copied");
        }

        serve(new BsonH2Backend(file), requests ->
                assertThat(requests.find().sort(Indexes.ascending("n")).into(new ArrayList<>())).isEqualTo(written));
    }

    /**
     * Updates from several clients while H2's background writer saves pages every millisecond: the library changes the
     * document an update read in place, so were that the object a page holds, the writer would fail on it and H2 would
     * close the store (every later command: "This store is closed"). A read through the store changed by its reader
     * must not change the stored document either.
     */
    @Test
    void updatesNeverChangeAnObjectTheBackgroundWriterIsSaving() throws Exception {
        BsonH2Backend backend = new BsonH2Backend(dir.resolve("data.mv").toString());
        backend.getMvStore().setAutoCommitDelay(1);
        List<Document> written = documents(8);
        serve(backend, requests -> {
            requests.insertMany(written);
            List<Thread> writers = IntStream.range(0, 4).mapToObj(w -> new Thread(() -> {
                for (int i = 0; i < 1000; i++) { // a field added and one removed: the changes the writer trips over
                    requests.updateOne(new Document("n", (w + i) % written.size()), new Document("$push",
                            new Document("votes", "voter-" + w + "-" + i))
                            .append("$set", new Document("step-" + w + "-" + i, i))
                            .append("$unset", new Document("step-" + w + "-" + (i - 1), "")));
                }
            })).toList();
            writers.forEach(Thread::start);
            writers.forEach(BsonH2BackendTest::join);
            assertThat(backend.getMvStore().isClosed()).as("H2 closed the store").isFalse();
            assertThat(requests.countDocuments()).isEqualTo(written.size());
            long votes = requests.find().into(new ArrayList<>()).stream()
                    .mapToLong(document -> document.getList("votes", String.class).size()).sum();
            assertThat(votes).isEqualTo(written.size() * 2L + 4 * 1000);
        });
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Document> documents(int count) {
        return IntStream.range(0, count).mapToObj(n -> new Document("_id", new ObjectId())
                .append("n", n)
                .append("name", "request-" + n)
                .append("version", 7L)
                .append("at", new Date(1_700_000_000_000L + n))
                .append("ratio", n / 3.0)
                .append("done", n % 2 == 0)
                .append("votes", new ArrayList<>(List.of("alice", "bob")))
                .append("history", List.of(new Document("who", "alice").append("what", "<b>requested</b>")))
                .append("missing", null))
                .toList();
    }

    private static void serve(MongoBackend backend, Consumer<MongoCollection<Document>> requests) {
        MongoServer server = new MongoServer(backend);
        try {
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                requests.accept(client.getDatabase("shipgate").getCollection("requests"));
            }
        } finally {
            server.shutdown();
        }
    }
}
