package dev.shipgate.notification.reminder.adapter;

import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.notification.reminder.application.Reminders;
import dev.shipgate.notification.reminder.domain.Nudge;
import dev.shipgate.notification.reminder.domain.Reminder;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Reminders in MongoDB, one document per open request: {@code dueAt} is the next step's time (null when all are
 * sent) and {@code leaseUntil} the end of the claim of the instance sending it (the epoch when free). A claim is one
 * conditional update (due, and free or its claim ended), so two instances never hold one step at once.
 */
class MongoReminders implements Reminders {

    static final String COLLECTION = "reminders";
    private static final Date FREE = new Date(0);

    private final MongoTemplate mongo;

    MongoReminders(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index("dueAt", Sort.Direction.ASC));
    }

    @Override
    public void track(Reminder reminder) {
        Document stored = toDocument(reminder);
        Update insertOnly = new Update();
        stored.forEach((field, value) -> {
            if (!"_id".equals(field)) {
                insertOnly.setOnInsert(field, value);
            }
        });
        mongo.upsert(byId(reminder.requestId()), insertOnly, COLLECTION);
    }

    @Override
    public void acted(String requestId, String userId) {
        mongo.updateFirst(byId(requestId), new Update().pull("waitingOn", userId), COLLECTION);
    }

    @Override
    public void waitingAgain(String requestId, String userId) {
        mongo.updateFirst(byId(requestId), new Update().addToSet("waitingOn", userId), COLLECTION);
    }

    @Override
    public void close(String requestId) {
        mongo.remove(byId(requestId), COLLECTION);
    }

    @Override
    public Optional<Reminder> claimDue(Instant now, Instant until) {
        Query due = Query.query(Criteria.where("dueAt").lte(Date.from(now)).and("leaseUntil").lte(Date.from(now)));
        return Optional.ofNullable(mongo.findAndModify(due, Update.update("leaseUntil", Date.from(until)),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION))
                .map(MongoReminders::fromDocument);
    }

    @Override
    public void advance(Reminder claimed) {
        Reminder next = claimed.advanced();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(claimed.requestId()).and("step").is(claimed.step())),
                new Update().set("step", next.step()).set("dueAt", dueAt(next)).set("leaseUntil", FREE),
                COLLECTION);
    }

    @Override
    public List<Reminder> waiting() {
        return mongo.find(Query.query(Criteria.where("waitingOn.0").exists(true))
                        .with(Sort.by("requestedAt")), Document.class, COLLECTION).stream()
                .map(MongoReminders::fromDocument).toList();
    }

    private static Query byId(String requestId) {
        return Query.query(Criteria.where("_id").is(requestId));
    }

    private static Date dueAt(Reminder reminder) {
        return reminder.next().map(nudge -> Date.from(nudge.at())).orElse(null);
    }

    private static Document toDocument(Reminder r) {
        PipelineImage image = r.image();
        return new Document("_id", r.requestId())
                .append("image", new Document("pipelineId", image.pipelineId())
                        .append("application", image.application()).append("environment", image.environment())
                        .append("digest", image.digest()).append("tag", image.tag()))
                .append("requestedBy", r.requestedBy()).append("waitingOn", r.waitingOn())
                .append("requestedAt", Date.from(r.requestedAt()))
                .append("nudges", r.nudges().stream().map(n -> new Document("kind", n.kind().name())
                        .append("number", n.number()).append("at", Date.from(n.at()))).toList())
                .append("step", r.step()).append("fallbackGroup", r.fallbackGroup())
                .append("round", r.round()).append("dueAt", dueAt(r)).append("leaseUntil", FREE);
    }

    private static Reminder fromDocument(Document d) {
        Document image = d.get("image", Document.class);
        return new Reminder(d.getString("_id"), new PipelineImage(image.getString("pipelineId"),
                image.getString("application"), image.getString("environment"), image.getString("digest"),
                image.getString("tag")), d.getString("requestedBy"), d.getList("waitingOn", String.class),
                d.getDate("requestedAt").toInstant(), d.getList("nudges", Document.class).stream()
                .map(n -> new Nudge(Nudge.Kind.valueOf(n.getString("kind")), n.getInteger("number"),
                        n.getDate("at").toInstant())).toList(),
                d.getInteger("step"), d.getString("fallbackGroup"), d.get("round", 0L));
    }
}
