package dev.shipgate.runtime;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;

/**
 * A secondary (non-unique) index, which mongo-java-server 1.47 accepts and then ignores: here its entries are kept
 * in memory in the index's order, rebuilt from the documents whenever the server opens the collection (the library
 * fills an empty index it adds). {@link IndexedReads} walks them for a filtered, sorted, limited read and counts
 * them for a count of equal keys, where the server would read and sort every document of the collection.
 *
 * <p>Serves only documents without arrays in the indexed fields: once one is added ({@link #multikey()}), MongoDB's
 * multikey sort order would differ from a walk, so {@link IndexedReads} leaves such an index to the server's scan.
 */
final class OrderedIndex extends Index<Object> {

    private static final String ID = "_id";

    private final NavigableSet<Entry> entries;
    /** At {@code i}: how many entries share each key prefix of {@code i + 1} fields (a count needs no walk). */
    private final List<NavigableMap<List<Object>, Long>> prefixCounts = new ArrayList<>();
    private final Map<Object, List<Object>> keyByPosition = new ConcurrentHashMap<>();
    private volatile boolean multikey;

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        List<Comparator<Object>> fields = keys.stream()
                .map(key -> (Comparator<Object>) (key.isAscending() ? ValueComparator.asc() : ValueComparator.desc()))
                .toList();
        entries = new ConcurrentSkipListSet<>(entryOrder(fields));
        for (int length = 1; length <= keys.size(); length++) {
            prefixCounts.add(new ConcurrentSkipListMap<>(keyOrder(fields)));
        }
    }

    /** Whether a document with an array in an indexed field was ever added (then no walk is served). */
    boolean multikey() {
        return multikey;
    }

    /**
     * The positions of the documents whose first {@code prefix.size()} indexed fields equal {@code prefix}, in the
     * index's order, or in its reverse.
     */
    Stream<Object> positions(List<Object> prefix, boolean reversed) {
        NavigableSet<Entry> range = range(prefix);
        return (reversed ? range.descendingSet() : range).stream().map(Entry::position);
    }

    /**
     * As {@link #positions}, but only the entries past the whole key {@code after} (the prefix, then a value for each
     * further field) in the walk's direction: where a cursor's next page starts, found in the index rather than by
     * walking past the pages before it.
     */
    Stream<Object> positionsAfter(List<Object> prefix, List<Object> after, boolean reversed) {
        NavigableSet<Entry> range = range(prefix);
        return (reversed ? range.headSet(Entry.bound(after, -1), false).descendingSet()
                : range.tailSet(Entry.bound(after, 1), false)).stream().map(Entry::position);
    }

    /** How many documents have their first {@code prefix.size()} indexed fields equal to {@code prefix}. */
    long count(List<Object> prefix) {
        return prefix.isEmpty() ? getCount() : prefixCounts.get(prefix.size() - 1).getOrDefault(prefix, 0L);
    }

    private NavigableSet<Entry> range(List<Object> prefix) {
        return entries.subSet(Entry.bound(prefix, -1), true, Entry.bound(prefix, 1), true);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        List<Object> key = keyOf(document);
        keyByPosition.put(position, key);
        entries.add(new Entry(key, position, 0));
        countPrefixes(key, 1);
    }

    @Override
    public Object remove(Document document) {
        Object position = document.get(ID);
        return position != null && forget(position) ? position : null;
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        forget(position);
        add(newDocument, position, collection);
    }

    /** Takes the document at {@code position} out of the index; false when it was not in it. */
    private boolean forget(Object position) {
        List<Object> key = keyByPosition.remove(position);
        if (key == null) {
            return false;
        }
        entries.remove(new Entry(key, position, 0));
        countPrefixes(key, -1);
        return true;
    }

    /** Changes run one at a time (the collection's writes are synchronized), reads at any time. */
    private void countPrefixes(List<Object> key, long change) {
        for (int length = 1; length <= key.size(); length++) {
            prefixCounts.get(length - 1).compute(new ArrayList<>(key.subList(0, length)),
                    (prefix, count) -> remaining(count == null ? 0 : count, change));
        }
    }

    private List<Object> keyOf(Document document) {
        List<Object> key = new ArrayList<>();
        for (String field : keys()) {
            Object value = Utils.getSubdocumentValue(document, field);
            if (value instanceof Collection<?>) {
                multikey = true;
            }
            key.add(value);
        }
        return key;
    }

    /** Not a lookup index: the library's own query path never picks it ({@link #canHandle} is false). */
    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("an ordered index is walked through IndexedReads");
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: any document may be added
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: any update may be applied
    }

    @Override
    public long getCount() {
        return keyByPosition.size();
    }

    @Override
    public long getDataSize() {
        return 0; // held in memory, not in the file
    }

    @Override
    public void drop() {
        entries.clear();
        keyByPosition.clear();
        prefixCounts.forEach(Map::clear);
        multikey = false;
    }

    /**
     * An index entry, or a bound of a key prefix's range ({@code side} -1 before every entry with that prefix, 1
     * after; 0 for an entry).
     */
    private record Entry(List<Object> key, Object position, int side) {
        static Entry bound(List<Object> prefix, int side) {
            return new Entry(prefix, null, side);
        }
    }

    /** The new count, or null (no entry) at zero. */
    private static Long remaining(long count, long change) {
        long now = count + change;
        return now == 0 ? null : now;
    }

    /**
     * Keys field by field in each field's direction, as MongoDB compares values, over the fields both have (a
     * shorter key equals every key it is a prefix of).
     */
    private static Comparator<List<Object>> keyOrder(List<Comparator<Object>> fields) {
        return (a, b) -> {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int compared = fields.get(i).compare(a.get(i), b.get(i));
                if (compared != 0) {
                    return compared;
                }
            }
            return 0;
        };
    }

    /** Field by field in each field's direction, as MongoDB compares values; then by position (the document's id). */
    private static Comparator<Entry> entryOrder(List<Comparator<Object>> fields) {
        Comparator<List<Object>> keys = keyOrder(fields);
        Comparator<Object> positions = ValueComparator.asc();
        return (a, b) -> {
            int compared = keys.compare(a.key(), b.key());
            if (compared != 0) {
                return compared;
            }
            if (a.side() != 0 || b.side() != 0) { // a bound sorts before or after everything under its prefix
                return Integer.compare(a.side(), b.side());
            }
            return positions.compare(a.position(), b.position());
        };
    }
}
