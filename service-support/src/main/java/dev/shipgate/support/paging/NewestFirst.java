package dev.shipgate.support.paging;

import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A newest-first list read from MongoDB: the filter is applied by the database, then the page is taken (keyset after
 * a {@link Cursor}, or an offset for the older page numbers), so a page is never short of items that match. Sorted by
 * {@code timeField} descending, then {@code _id} descending: a total order, so a cursor resumes exactly after the
 * last item shown. The total is a count of the same filter.
 *
 * @param timeField the document's sort time; every listed document has one (a document without it is never reached
 *                  after a cursor)
 */
public record NewestFirst(String timeField) {

    /** The index serving this list: the filter's equality fields first, then the sort (ESR rule). */
    public Index index(String... equalityFields) {
        Index index = new Index();
        for (String field : equalityFields) {
            index.on(field, Sort.Direction.ASC);
        }
        return index.on(timeField, Sort.Direction.DESC).on("_id", Sort.Direction.DESC);
    }

    public Sort sort() {
        return Sort.by(Sort.Direction.DESC, timeField).and(Sort.by(Sort.Direction.DESC, "_id"));
    }

    /**
     * @param position the sort time and id of a read item, for the next page's cursor
     */
    public <T> ListPage<T> read(MongoTemplate mongo, Criteria filter, PageAt at, Class<T> type, String collection,
                                Function<T, Cursor> position) {
        Criteria where = at.cursor() == null ? filter : new Criteria().andOperator(filter, after(at.cursor()));
        Query query = Query.query(where).with(sort()).skip(at.offset()).limit(at.size() + 1);
        List<T> read = mongo.find(query, type, collection);
        long total = mongo.count(Query.query(filter), collection);
        if (read.size() <= at.size()) {
            return new ListPage<>(read, total, null);
        }
        List<T> page = read.subList(0, at.size());
        return new ListPage<>(page, total, position.apply(page.get(page.size() - 1)));
    }

    private Criteria after(Cursor cursor) {
        Instant at = cursor.at();
        return new Criteria().orOperator(Criteria.where(timeField).lt(at),
                Criteria.where(timeField).is(at).and("_id").lt(cursor.id()));
    }
}
