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
                Optional<List<Object>> after = keysetAfter(filter, keys.subList(fixed, keys.size()), reversed.get());
                return Optional.of(after.isEmpty() ? index.positions(prefix.get(), reversed.get())
                        : index.positionsAfter(prefix.get(), concat(prefix.get(), after.get()), reversed.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The values of a keyset cursor on two sort fields {@code a, b} in the filter (top level or in a top-level
     * {@code $and}): {@code $or: [{a: {op: x}}, {a: x, b: {op: y}}]}, where op goes the walk's way for each field
     * ({@code $lt} down a descending field, {@code $gt} up an ascending one; the reverse on a reversed walk), as
     * NewestFirst writes it. Empty for any other shape, and then the walk starts at the range's beginning.
     */
    private static Optional<List<Object>> keysetAfter(Document filter, List<IndexKey> sortKeys, boolean reversed) {
        if (sortKeys.size() != 2) {
            return Optional.empty();
        }
        List<Object> parts = new ArrayList<>(List.of(filter));
        if (filter.get("$and") instanceof Collection<?> all) {
            parts.addAll(all);
        }
        String a = sortKeys.get(0).getKey();
        String b = sortKeys.get(1).getKey();
        String opA = operator(sortKeys.get(0), reversed);
        String opB = operator(sortKeys.get(1), reversed);
        for (Object part : parts) {
            if (part instanceof Document document && document.get("$or") instanceof List<?> or && or.size() == 2
                    && or.get(0) instanceof Document first && or.get(1) instanceof Document second) {
                Map<String, Object> beyond = conditions(first);
                Map<String, Object> at = conditions(second);
                if (beyond.size() == 1 && at.size() == 2 && beyond.get(a) instanceof Document beyondA
                        && beyondA.size() == 1 && at.get(b) instanceof Document beyondB && beyondB.size() == 1
                        && isScalar(beyondA.get(opA)) && isScalar(beyondB.get(opB))
                        && beyondA.get(opA).equals(at.get(a))) {
                    return Optional.of(List.of(beyondA.get(opA), beyondB.get(opB)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A filter document's conditions by field, those inside an {@code $and} too (drivers write {@code a: x, b: y}
     * or {@code $and: [{a: x}, {b: y}]} alike); a field named twice or another operator makes it unreadable here.
     */
    private static Map<String, Object> conditions(Document filter) {
        Map<String, Object> found = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof Collection<?> all) {
                for (Object part : all) {
                    if (!(part instanceof Document document)) {
                        return Map.of();
                    }
                    for (Map.Entry<String, Object> inner : conditions(document).entrySet()) {
                        if (found.putIfAbsent(inner.getKey(), inner.getValue()) != null) {
                            return Map.of();
                        }
                    }
                }
            } else if (entry.getKey().startsWith("$") || found.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                return Map.of();
            }
        }
        return found;
    }

    /** The operator that goes past a value in the walk's direction on this field. */
    private static String operator(IndexKey key, boolean reversed) {
        return key.isAscending() != reversed ? "$gt" : "$lt";
    }

    private static List<Object> concat(List<Object> prefix, List<Object> rest) {
        List<Object> all = new ArrayList<>(prefix);
        all.addAll(rest);
        return all;
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
