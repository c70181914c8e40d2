package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.application.ApprovalRequests;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.support.messaging.Outbox;
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
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Approval requests in MongoDB, one document each with its votes, history and outbox. {@code openKey} is set only
 * while a request is open, and a unique sparse index on it allows one open request per pipeline and image.
 */
public class MongoApprovalRequests implements ApprovalRequests {

    public static final String COLLECTION = "approval_requests";
    private static final String OPEN_KEY = "openKey";

    private final MongoTemplate mongo;
    private final Outbox outbox;

    public MongoApprovalRequests(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
        mongo.indexOps(COLLECTION).createIndex(new Index(OPEN_KEY, Sort.Direction.ASC).unique().sparse());
        mongo.indexOps(COLLECTION).createIndex(new Index("image.pipelineId", Sort.Direction.ASC)
                .on("image.digest", Sort.Direction.ASC));
    }

    @Override
    public void open(ApprovalRequest request, List<EventPayload> events) {
        Document document = toDocument(request);
        document.put(OPEN_KEY, openKey(request));
        document.put("outbox", outbox.entries(events));
        try {
            mongo.insert(document, COLLECTION);
        } catch (DuplicateKeyException e) {
            throw new OpenRequestExistsException();
        }
        outbox.flushSoon();
    }

    @Override
    public boolean update(ApprovalRequest next, List<EventPayload> events) {
        Update update = new Update();
        toDocument(next).forEach((field, value) -> {
            if (!field.equals("_id") && !field.equals("version")) {
                update.set(field, value);
            }
        });
        update.set("version", next.version() + 1);
        if (next.status().isOpen()) {
            update.set(OPEN_KEY, openKey(next));
        } else {
            update.unset(OPEN_KEY);
        }
        update.push("outbox").each(outbox.entries(events).toArray());
        Query unchanged = Query.query(Criteria.where("_id").is(next.id()).and("version").is(next.version()));
        boolean written = mongo.updateFirst(unchanged, update, COLLECTION).getModifiedCount() == 1;
        if (written) {
            outbox.flushSoon();
        }
        return written;
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ApprovalRequest.class, COLLECTION));
    }

    @Override
    public List<ApprovalRequest> forImage(String pipelineId, String digest) {
        Query query = Query.query(Criteria.where("image.pipelineId").is(pipelineId).and("image.digest").is(digest))
                .with(Sort.by(Sort.Direction.DESC, "createdAt"));
        return mongo.find(query, ApprovalRequest.class, COLLECTION);
    }

    @Override
    public List<ApprovalRequest> overdue(Instant now, int limit) {
        Query query = Query.query(Criteria.where("status").in(ApprovalStatus.PENDING.name(),
                ApprovalStatus.APPROVED.name()).and("expiresAt").lte(now)).limit(limit);
        return mongo.find(query, ApprovalRequest.class, COLLECTION);
    }

    @Override
    public List<ApprovalRequest> search(RequestQuery filter) {
        Criteria criteria = new Criteria();
        if (filter.pipelineId() != null) {
            criteria.and("image.pipelineId").is(filter.pipelineId());
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            criteria.and("status").in(filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            criteria.and("image.tag").regex(Pattern.quote(filter.tag()), "i");
        }
        if (filter.notifiedApprover() != null) {
            criteria.and("notifiedApprovers").is(filter.notifiedApprover());
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .skip((long) filter.page() * filter.size()).limit(filter.size());
        return mongo.find(query, ApprovalRequest.class, COLLECTION);
    }

    private Document toDocument(ApprovalRequest request) {
        Document document = new Document();
        mongo.getConverter().write(request, document);
        return document;
    }

    private static String openKey(ApprovalRequest request) {
        return request.image().pipelineId() + "|" + request.image().digest();
    }
}
