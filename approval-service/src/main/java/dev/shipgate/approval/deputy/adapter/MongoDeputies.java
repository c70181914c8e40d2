package dev.shipgate.approval.deputy.adapter;

import dev.shipgate.approval.deputy.application.Deputies;
import dev.shipgate.approval.deputy.domain.Deputy;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Date;
import java.util.Optional;

/** One document per approver in {@code deputies}, keyed by the approver's canonical id. */
class MongoDeputies implements Deputies {

    static final String COLLECTION = "deputies";

    private final MongoTemplate mongo;

    MongoDeputies(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Deputy> of(String approver) {
        Document found = mongo.findById(approver, Document.class, COLLECTION);
        return Optional.ofNullable(found).map(doc -> new Deputy(doc.getString("_id"), doc.getString("deputy"),
                doc.getDate("from").toInstant(), doc.getDate("until").toInstant(), doc.getString("setBy"),
                doc.getDate("setAt").toInstant()));
    }

    @Override
    public void save(Deputy deputy) {
        mongo.save(new Document("_id", deputy.approver()).append("deputy", deputy.deputy())
                .append("from", Date.from(deputy.from())).append("until", Date.from(deputy.until()))
                .append("setBy", deputy.setBy()).append("setAt", Date.from(deputy.setAt())), COLLECTION);
    }

    @Override
    public boolean remove(String approver) {
        return mongo.remove(Query.query(Criteria.where("_id").is(approver)), COLLECTION).getDeletedCount() > 0;
    }
}
