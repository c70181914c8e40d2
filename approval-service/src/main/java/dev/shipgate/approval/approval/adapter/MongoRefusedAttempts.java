package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.shared.CollectionNames;
import dev.shipgate.approval.approval.application.RefusedAttempts;
import dev.shipgate.approval.approval.domain.RefusedAttempt;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One document per refused attempt, read by request id, newest first. Each also names the request's pipeline and
 * image ({@code pipelineId}, {@code digest}, {@code tag}), copied from the request when recorded, so the audit can
 * filter refusals by pipeline without reading the requests.
 */
class MongoRefusedAttempts implements RefusedAttempts {

    static final String COLLECTION = CollectionNames.APPROVAL_REFUSALS;

    private final MongoTemplate mongo;

    public MongoRefusedAttempts(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index("requestId", Sort.Direction.ASC)
                .on("at", Sort.Direction.DESC));
    }

    @Override
    public void record(RefusedAttempt attempt) {
        Document document = new Document();
        mongo.getConverter().write(attempt, document);
        Query image = Query.query(Criteria.where("_id").is(attempt.requestId()));
        image.fields().include("image.pipelineId", "image.digest", "image.tag");
        Document request = mongo.findOne(image, Document.class, MongoApprovalRequests.COLLECTION);
        if (request != null && request.get("image") instanceof Document requested) {
            document.append("pipelineId", requested.getString("pipelineId"))
                    .append("digest", requested.getString("digest"))
                    .append("tag", requested.getString("tag"));
        }
        mongo.insert(document, COLLECTION);
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
