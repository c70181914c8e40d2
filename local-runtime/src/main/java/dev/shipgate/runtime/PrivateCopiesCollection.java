package dev.shipgate.runtime;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An H2 collection that hands out copies of its documents, never the objects its map holds.
 * <p>
 * Why: mongo-java-server 1.47 applies an update by changing the document it read in place before it stores the
 * updated one, which is harmless for its in-memory backend but not here: the map's page still holds that object, and
 * H2's background writer may be serialising the page at that moment. The writer then fails with a
 * {@link java.util.ConcurrentModificationException} and H2 closes the whole store, after which every command fails
 * ("This store is closed") until a restart. A copy read here is the only object such an update can change.
 * <p>
 * Its secondary indexes ({@link OrderedIndex}) answer the sorted reads and counts they serve ({@link IndexedReads});
 * the library would scan and sort the whole collection for each.
 */
final class PrivateCopiesCollection extends H2Collection {

    PrivateCopiesCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    /** The document at a position as read through an index: a copy. */
    @Override
    protected Document getDocument(Object position) {
        Document stored = super.getDocument(position);
        return stored == null ? null : stored.cloneDeeply();
    }

    /** The documents a scan matched (one page of them: the rest stay with the cursor, for reads only): copies. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
                                         int batchSize, Document fieldSelector) {
        QueryResult matched = super.matchDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize,
                fieldSelector);
        List<Document> copies = new ArrayList<>();
        matched.forEach(document -> copies.add(document.cloneDeeply()));
        return new QueryResult(copies, matched.getCursorId());
    }

    /** A read an ordered index serves walks it in order and stops at the limit; any other read scans. */
    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
                                         int batchSize, Document fieldSelector) {
        Optional<Stream<Object>> walk = IndexedReads.walk(orderedIndexes(), query, orderBy);
        if (walk.isEmpty()) {
            return super.queryDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
        }
        Stream<Document> inOrder = walk.get().map(this::getDocument).filter(Objects::nonNull);
        return matchDocumentsFromStream(query, inOrder, numberToSkip, numberToReturn, batchSize, null, fieldSelector);
    }

    /** A count of equal keys an ordered index holds is the size of its range; any other count scans. */
    @Override
    public int count(Document query, int skip, int limit) {
        Optional<Long> indexed = IndexedReads.count(orderedIndexes(), query);
        if (indexed.isEmpty()) {
            return super.count(query, skip, limit);
        }
        long counted = Math.max(0, indexed.get() - Math.max(0, skip));
        return (int) (limit > 0 ? Math.min(counted, limit) : counted);
    }

    private List<OrderedIndex> orderedIndexes() {
        return getIndexes().stream().filter(OrderedIndex.class::isInstance).map(OrderedIndex.class::cast).toList();
    }
}
