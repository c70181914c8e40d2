package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.application.RefusedAttempts;
import dev.shipgate.approval.approval.domain.RefusedAttempt;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One document per refused attempt, read by request id, newest first. */
public class MongoRefusedAttempts implements RefusedAttempts {

    public static final String COLLECTION = "approval_refusals";

    private final MongoTemplate mongo;

    public MongoRefusedAttempts(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index("requestId", Sort.Direction.ASC)
                .on("at", Sort.Direction.DESC));
    }

    @Override
    public void record(RefusedAttempt attempt) {
        mongo.insert(attempt, COLLECTION);
    }

    @Override
    public List<RefusedAttempt> forRequest(String requestId, int limit) {
        Query query = Query.query(Criteria.where("requestId").is(requestId))
                .with(Sort.by(Sort.Direction.DESC, "at")).limit(limit);
        List<RefusedAttempt> newestFirst = new ArrayList<>(mongo.find(query, RefusedAttempt.class, COLLECTION));
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
