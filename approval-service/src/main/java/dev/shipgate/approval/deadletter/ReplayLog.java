package dev.shipgate.approval.deadletter;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** Which parked messages were replayed, by whom and when: each is replayed once. */
class ReplayLog {

    static final String COLLECTION = "dead_letter_replays";

    public record Replay(String topic, int partition, long offset, String replayedBy, Instant replayedAt) {
    }

    private final MongoTemplate mongo;

    public ReplayLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Claims the replay of one message; false when someone already did. */
    public boolean claim(Replay replay) {
        try {
            mongo.insert(new Document("_id", id(replay.topic(), replay.partition(), replay.offset()))
                    .append("topic", replay.topic()).append("partition", replay.partition())
                    .append("offset", replay.offset()).append("replayedBy", replay.replayedBy())
                    .append("replayedAt", Date.from(replay.replayedAt())), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Gives the claim back when the message could not be republished, so it can be tried again. */
    public void release(String topic, int partition, long offset) {
        mongo.remove(Query.query(Criteria.where("_id").is(id(topic, partition, offset))), COLLECTION);
    }

    public Optional<Replay> find(String topic, int partition, long offset) {
        Document found = mongo.findOne(Query.query(Criteria.where("_id").is(id(topic, partition, offset))),
                Document.class, COLLECTION);
        return Optional.ofNullable(found).map(d -> new Replay(topic, partition, offset, d.getString("replayedBy"),
                d.getDate("replayedAt").toInstant()));
    }

    private static String id(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }
}
