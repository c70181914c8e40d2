package dev.shipgate.notification.reminder.adapter;

import dev.shipgate.notification.reminder.application.DigestSchedule;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** The daily digest's due time: one document, claimed as a reminder step is ({@link MongoReminders}). */
class MongoDigestSchedule implements DigestSchedule {

    static final String COLLECTION = "digest_schedule";
    private static final Date FREE = new Date(0);

    private final MongoTemplate mongo;

    MongoDigestSchedule(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void planFirst(Instant first) {
        mongo.upsert(daily(), new Update().setOnInsert("dueAt", Date.from(first)).setOnInsert("leaseUntil", FREE),
                COLLECTION);
    }

    @Override
    public Optional<Instant> claimDue(Instant now, Instant until) {
        Query due = daily().addCriteria(Criteria.where("dueAt").lte(Date.from(now))
                .and("leaseUntil").lte(Date.from(now)));
        return Optional.ofNullable(mongo.findAndModify(due, Update.update("leaseUntil", Date.from(until)),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION))
                .map(d -> d.getDate("dueAt").toInstant());
    }

    @Override
    public void advance(Instant sent, Instant next) {
        mongo.updateFirst(daily().addCriteria(Criteria.where("dueAt").is(Date.from(sent))),
                new Update().set("dueAt", Date.from(next)).set("leaseUntil", FREE), COLLECTION);
    }

    private static Query daily() {
        return Query.query(Criteria.where("_id").is("daily"));
    }
}
