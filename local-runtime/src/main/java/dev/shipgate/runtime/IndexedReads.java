package dev.shipgate.runtime;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which reads an {@link OrderedIndex} answers, following MongoDB's equality-sort rule: a read sorted by the index's
 * last fields (all in the index's directions, or all reversed) whose filter fixes every field before them by
 * equality is a walk of that index's range, in order; a count whose filter is only equalities on the index's first
 * fields is the size of that range. Everything else is left to the server's scan.
 *
 * <p>A walk only orders and narrows the candidates: the server still applies the whole filter, skip and limit to
 * them, so a filter with more conditions (a search, a cursor's {@code $or}) stays exact.
 */
final class IndexedReads {

    private IndexedReads() {
    }

    /** The documents' positions in the read's order, or empty when no index serves the read. */
    static Optional<Stream<Object>> walk(List<OrderedIndex> indexes, Document filter, Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> equalities = equalities(filter, true);
        for (OrderedIndex index : indexes) {
            List<IndexKey> keys = index.getKeys();
            int fixed = keys.size() - orderBy.size();
            if (index.multikey() || fixed < 0) {
                continue;
            }
            Optional<Boolean> reversed = direction(keys.subList(fixed, keys.size()), orderBy);
            Optional<List<Object>> prefix = values(keys.subList(0, fixed), equalities);
            if (reversed.isPresent() && prefix.isPresent()) {
                return Optional.of(index.positions(prefix.get(), reversed.get()));
            }
        }
        return Optional.empty();
    }

    /** How many documents match, or empty when no index counts them. */
    static Optional<Long> count(List<OrderedIndex> indexes, Document filter) {
        Map<String, Object> equalities = equalities(filter, false);
        if (equalities.size() != filter.size() || equalities.isEmpty()) { // anything but plain equalities: scan
            return Optional.empty();
        }
        for (OrderedIndex index : indexes) {
            List<IndexKey> keys = index.getKeys();
            if (index.multikey() || keys.size() < equalities.size()) {
                continue;
            }
            Optional<List<Object>> prefix = values(keys.subList(0, equalities.size()), equalities);
            if (prefix.isPresent()) {
                return Optional.of(index.count(prefix.get()));
            }
        }
        return Optional.empty();
    }

    /** True for sorted like the keys, false for exactly reversed, empty for any other sort. */
    private static Optional<Boolean> direction(List<IndexKey> sortKeys, Document orderBy) {
        List<Map.Entry<String, Object>> sort = new ArrayList<>(orderBy.entrySet());
        Boolean reversed = null;
        for (int i = 0; i < sortKeys.size(); i++) {
            IndexKey key = sortKeys.get(i);
            if (!key.getKey().equals(sort.get(i).getKey()) || !(sort.get(i).getValue() instanceof Number n)) {
                return Optional.empty();
            }
            boolean flipped = (n.intValue() > 0) != key.isAscending();
            if (reversed != null && reversed != flipped) {
                return Optional.empty();
            }
            reversed = flipped;
        }
        return Optional.ofNullable(reversed);
    }

    private static Optional<List<Object>> values(List<IndexKey> keys, Map<String, Object> equalities) {
        List<Object> values = new ArrayList<>();
        for (IndexKey key : keys) {
            if (!equalities.containsKey(key.getKey())) {
                return Optional.empty();
            }
            values.add(equalities.get(key.getKey()));
        }
        return Optional.of(values);
    }

    /**
     * The filter's top-level conditions (and, with {@code intoAnd}, those inside a top-level {@code $and}) that fix
     * a field to one scalar value: {@code field: value} or {@code field: {$eq: value}}. Null, arrays, documents and
     * patterns are left out: MongoDB's equality on them matches more than one index key.
     */
    private static Map<String, Object> equalities(Document filter, boolean intoAnd) {
        Map<String, Object> found = new LinkedHashMap<>();
        filter.forEach((field, condition) -> {
            if (intoAnd && field.equals("$and") && condition instanceof Collection<?> all) {
                all.stream().filter(Document.class::isInstance)
                        .forEach(part -> equalities((Document) part, true).forEach(found::putIfAbsent));
            } else if (!field.startsWith("$")) {
                Object value = condition instanceof Document operators && operators.size() == 1
                        && operators.containsKey("$eq") ? operators.get("$eq") : condition;
                if (isScalar(value)) {
                    found.putIfAbsent(field, value);
                }
            }
        });
        return found;
    }

    private static boolean isScalar(Object value) {
        return value != null && !(value instanceof Missing) && !(value instanceof Document)
                && !(value instanceof Collection<?>) && !(value instanceof Pattern)
                && !(value instanceof BsonRegularExpression);
    }
}
