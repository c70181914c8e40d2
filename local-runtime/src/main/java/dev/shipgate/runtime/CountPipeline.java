package dev.shipgate.runtime;

import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The aggregation the MongoDB drivers send for {@code countDocuments}: {@code [{$match: filter}, {$skip: n}?,
 * {$limit: n}?, {$group: {_id: 1, n: {$sum: 1}}}]}. mongo-java-server runs every aggregation over the whole
 * collection; this one is answered as a count instead, which an {@link OrderedIndex} may serve
 * ({@link IndexedReads#count}).
 *
 * @param filter the {@code $match} stage's filter
 * @param skip   documents skipped first, 0 for none
 * @param limit  the most counted, 0 for no limit
 */
record CountPipeline(Document filter, int skip, int limit) {

    private static final Document GROUP = new Document("_id", 1).append("n", new Document("$sum", 1));

    /** The count an {@code aggregate} command asks for, or empty for any other pipeline. */
    static Optional<CountPipeline> of(Document aggregateCommand) {
        if (!(aggregateCommand.get("pipeline") instanceof List<?> stages) || stages.size() < 2
                || !(stages.get(0) instanceof Document first) || !(first.get("$match") instanceof Document filter)
                || first.size() != 1 || !isGroupForCount(stages.get(stages.size() - 1))) {
            return Optional.empty();
        }
        int skip = 0;
        int limit = 0;
        for (Object stage : stages.subList(1, stages.size() - 1)) {
            if (!(stage instanceof Document step) || step.size() != 1) {
                return Optional.empty();
            }
            Map.Entry<String, Object> only = step.entrySet().iterator().next();
            if (!(only.getValue() instanceof Number number)) {
                return Optional.empty();
            }
            switch (only.getKey()) {
                case "$skip" -> skip = number.intValue();
                case "$limit" -> limit = number.intValue();
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new CountPipeline(filter, skip, limit));
    }

    private static boolean isGroupForCount(Object stage) {
        return stage instanceof Document last && last.size() == 1 && last.get("$group") instanceof Document group
                && group.size() == 2 && GROUP.get("n").equals(group.get("n"))
                && group.get("_id") instanceof Number id && id.intValue() == 1;
    }

    /** The reply the driver reads: one cursor batch with {@code {_id: 1, n: count}}, or none when nothing counts. */
    Document reply(String namespace, long count) {
        List<Document> batch = count == 0 ? List.of() : List.of(new Document("_id", 1).append("n", count));
        Document cursor = new Document("firstBatch", batch).append("id", 0L).append("ns", namespace);
        return new Document("cursor", cursor).append("ok", 1.0);
    }
}
