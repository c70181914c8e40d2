package dev.shipgate.runtime;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Optional;

/**
 * mongo-java-server's H2 file backend with each collection's documents stored as BSON ({@link BsonDocumentType})
 * and its unique indexes' keys ordered without serialising them ({@link KeyValueType}), where the plain backend
 * Java-serialises both; metadata is stored as the library stores it. A file written by the plain backend is
 * converted map by map when opened ({@link DocumentMaps}). Reads hand out copies ({@link PrivateCopiesCollection}),
 * so that no update changes an object H2's background writer may be saving. Secondary indexes, which the library
 * ignores, are kept in memory and answer the sorted reads and counts they serve ({@link OrderedIndex}). Not
 * supported: renaming a collection (its map's format note stays under the old name; no Shipgate service renames one).
 */
final class BsonH2Backend extends H2Backend {

    /**
     * Made at first use, which is inside the superclass's constructor when the file holds databases: hence no
     * initializer (it would run after that constructor and drop the value) and reads through {@link #maps()} only.
     */
    private DocumentMaps maps;

    BsonH2Backend(String fileName) {
        super(MVStore.open(fileName));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    private DocumentMaps maps() {
        if (maps == null) {
            maps = new DocumentMaps(getMvStore());
        }
        return maps;
    }

    /**
     * An inner class because {@link H2Database} opens its collections in its own constructor, before a subclass's
     * fields are set; the enclosing backend is already there.
     */
    private final class Database extends H2Database {

        Database(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            return new PrivateCopiesCollection(this, collectionName, options,
                    maps().documents("databases." + namespace), getMvStore().openMap("meta." + namespace),
                    getCursorRegistry());
        }

        /**
         * The library opens the index's map by name with H2's default types; opened here first under that name
         * (mongo-java-server 1.47's naming, checked by BsonH2BackendTest), the store hands it this map instead.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                        List<IndexKey> keys, boolean sparse) {
            maps().uniqueIndex(getFullCollectionNamespace(collectionName) + "._index_" + indexName);
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        /** The library's default ignores a secondary index; here it is kept and used ({@link OrderedIndex}). */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            return new OrderedIndex(indexName, keys, sparse);
        }

        /** A {@code countDocuments} aggregation is answered as the count it is ({@link CountPipeline}). */
        @Override
        public Document handleCommand(Channel channel, String command, Document query,
                                      DatabaseResolver databaseResolver, Oplog oplog) {
            if (command.equals("aggregate") && query.get("aggregate") instanceof String collectionName) {
                Optional<CountPipeline> count = CountPipeline.of(query);
                MongoCollection<Object> collection = count.isEmpty() ? null
                        : resolveCollection(collectionName, false);
                if (collection != null) {
                    CountPipeline asked = count.get();
                    return asked.reply(getFullCollectionNamespace(collectionName),
                            collection.count(asked.filter(), asked.skip(), asked.limit()));
                }
            }
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }
    }
}
