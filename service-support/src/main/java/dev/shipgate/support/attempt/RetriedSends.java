package dev.shipgate.support.attempt;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A MongoDB collection of things sent with retries (mail deliveries, webhook deliveries): each stays PENDING, with
 * the number of attempts made and the time of the next, until it ends. Instances share the sending without locks: a
 * claim or an outcome is a single-document update that expects the state its writer read (id, PENDING, attempts,
 * next attempt time), so of two writers that read the same state exactly one matches (MongoDB updates a document
 * atomically). The documents' fields are {@code _id}, {@code status}, {@code attempts} and {@code nextAttemptAt}.
 *
 * @param <T> the stored type
 */
public final class RetriedSends<T> {

    /** The index on a claim's fields; its name is the one mail deliveries' index has had since issue 20. */
    static final String CLAIM_INDEX = "_id_status_attempts_nextAttemptAt";

    private final MongoTemplate mongo;
    private final String collection;
    private final Class<T> type;
    private final String pending;
    private final Function<T, State> state;

    /**
     * @param pendingStatus the stored {@code status} of an item not yet ended
     * @param state         what a writer read of an item
     */
    public RetriedSends(MongoTemplate mongo, String collection, Class<T> type, String pendingStatus,
                        Function<T, State> state) {
        this.mongo = mongo;
        this.collection = collection;
        this.type = type;
        this.pending = pendingStatus;
        this.state = state;
        // on exactly the fields of a claim's and an outcome's filter: the embedded database uses an index only for
        // such a query, and would otherwise scan every item ever sent at each send (MongoDB would use the _id index)
        mongo.indexOps(collection).createIndex(new Index("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("attempts", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC).unique()
                .named(CLAIM_INDEX));
    }

    /** An item as read: its id, the attempts made, and when the next is due. */
    public record State(String id, int attempts, Instant nextAttemptAt) {
    }

    /** Stores a new item; false when one with its id is there already (a redelivered event). */
    public boolean add(T item) {
        try {
            mongo.insert(item, collection);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    /** Sets only the next attempt time, to {@code claimed}'s: the one field a claim changes. */
    public boolean claim(T due, T claimed) {
        return mongo.updateFirst(unchanged(due), Update.update("nextAttemptAt", state.apply(claimed).nextAttemptAt()),
                collection).getModifiedCount() == 1;
    }

    /** Writes every field of {@code next}, if the item is still as {@code claimed} left it. */
    public boolean update(T next, T claimed) {
        Document document = new Document();
        mongo.getConverter().write(next, document);
        document.remove("_id");
        document.remove("_class");
        return mongo.updateFirst(unchanged(claimed), Update.fromDocument(new Document("$set", document)), collection)
                .getModifiedCount() == 1;
    }

    /** The pending items due at {@code now}, earliest first, at most {@code limit}. */
    public List<T> due(Instant now, int limit) {
        return mongo.find(Query.query(Criteria.where("status").is(pending).and("nextAttemptAt").lte(now))
                .with(Sort.by("nextAttemptAt")).limit(limit), type, collection);
    }

    private Query unchanged(T expected) {
        State read = state.apply(expected);
        return Query.query(Criteria.where("_id").is(read.id()).and("status").is(pending)
                .and("attempts").is(read.attempts()).and("nextAttemptAt").is(read.nextAttemptAt()));
    }
}
