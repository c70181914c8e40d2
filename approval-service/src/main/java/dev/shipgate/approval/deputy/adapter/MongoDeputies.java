package dev.shipgate.approval.deputy.adapter;

import dev.shipgate.approval.deputy.application.Deputies;
import dev.shipgate.approval.deputy.domain.Deputy;
import dev.shipgate.support.cache.ShortLivedCache;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Date;
import java.util.Optional;

/**
 * One document per approver in {@code deputies}, keyed by the approver's canonical id. Every request reads its
 * approvers' deputies (most have none), so each answer, absence too, is kept for the cache lifetime: a naming through
 * this instance is seen at once, one through another instance within that lifetime.
 */
class MongoDeputies implements Deputies {

    static final String COLLECTION = "deputies";

    private final MongoTemplate mongo;
    private final ShortLivedCache<String, Optional<Deputy>> cached;

    MongoDeputies(MongoTemplate mongo, ShortLivedCache<String, Optional<Deputy>> cached) {
        this.mongo = mongo;
        this.cached = cached;
    }

    @Override
    public Optional<Deputy> of(String approver) {
        return cached.get(approver, this::read);
    }

    private Optional<Deputy> read(String approver) {
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
        cached.forget(deputy.approver());
    }

    @Override
    public boolean remove(String approver) {
        boolean removed = mongo.remove(Query.query(Criteria.where("_id").is(approver)), COLLECTION)
                .getDeletedCount() > 0;
        cached.forget(approver);
        return removed;
    }
}
