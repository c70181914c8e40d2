package dev.shipgate.runtime;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Opens the H2 maps of mongo-java-server's collections and unique indexes with the types of this package (a
 * collection's documents as {@link BsonDocumentType}, an index's keys as {@link KeyValueType}), converting a map the
 * plain backend wrote with Java serialisation first. The conversion is two commits, with the store's automatic
 * commits held meanwhile so that each is saved whole or not at all: the entries copied to a map of their own and
 * noted as copied, then the old map replaced by the copy and noted as converted; a restart goes on from the last one
 * saved. It is one way (the plain backend cannot read the result). The bookkeeping maps' names start with {@code $},
 * which no MongoDB database name may hold, so dropping a database never drops them.
 */
final class DocumentMaps {

    static final String FORMATS = "$shipgate.document-formats";
    static final String COPY_PREFIX = "$shipgate.converting.";
    private static final String BSON = "bson";
    private static final String COPIED = "copied";

    private final MVStore store;
    private final MVMap<String, String> formats;

    DocumentMaps(MVStore store) {
        this.store = store;
        this.formats = store.openMap(FORMATS);
    }

    /** The map of a collection's documents by their position. */
    MVMap<Object, Document> documents(String mapName) {
        return open(mapName, () -> new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
    }

    /** The map of a unique index: the indexed values to the document's position. */
    MVMap<KeyValue, Object> uniqueIndex(String mapName) {
        return open(mapName, () -> new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
    }

    private <K, V> MVMap<K, V> open(String mapName, Layout<K, V> layout) {
        String format = formats.get(mapName);
        if (format == null && !store.hasMap(mapName)) { // a new collection or index
            formats.put(mapName, BSON);
        } else if (!BSON.equals(format)) {
            convert(mapName, format, layout);
        }
        return store.openMap(mapName, layout.builder());
    }

    private <K, V> void convert(String mapName, String format, Layout<K, V> layout) {
        String copyName = COPY_PREFIX + mapName;
        int autoCommitDelay = store.getAutoCommitDelay();
        store.setAutoCommitDelay(0); // nothing saved between the two commits below
        try {
            if (!COPIED.equals(format)) {
                MVMap<K, V> copy = store.openMap(copyName, layout.builder());
                copy.clear(); // what a stopped conversion copied before
                copy.putAll(store.<K, V>openMap(mapName));
                formats.put(mapName, COPIED);
                store.commit();
            }
            if (store.hasMap(copyName)) { // copied, not swapped yet
                if (store.hasMap(mapName)) {
                    store.removeMap(mapName);
                }
                store.renameMap(store.openMap(copyName, layout.builder()), mapName);
            }
            formats.put(mapName, BSON);
            store.commit();
        } finally {
            store.setAutoCommitDelay(autoCommitDelay);
        }
    }

    /** The key and value types of one kind of map. */
    private interface Layout<K, V> {
        MVMap.Builder<K, V> builder();
    }
}
