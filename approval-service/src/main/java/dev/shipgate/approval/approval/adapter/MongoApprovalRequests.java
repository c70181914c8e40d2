package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.shared.CollectionNames;
import dev.shipgate.approval.approval.application.ApprovalRequests;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.AwaitingVotePolicy;
import dev.shipgate.approval.approval.domain.EscalationPolicy;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.support.paging.NewestFirst;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Approval requests in MongoDB, one document each with its votes, history and outbox. {@code openKey} is set only
 * while a request is open, and a unique sparse index on it allows one open request per pipeline and image.
 */
class MongoApprovalRequests implements ApprovalRequests {

    static final String COLLECTION = CollectionNames.APPROVAL_REQUESTS;
    private static final String OPEN_KEY = "openKey";
    private static final NewestFirst NEWEST_FIRST = new NewestFirst("createdAt");

    private final MongoTemplate mongo;
    private final AggregateStore store;

    public MongoApprovalRequests(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
        mongo.indexOps(COLLECTION).createIndex(new Index(OPEN_KEY, Sort.Direction.ASC).unique().sparse());
        mongo.indexOps(COLLECTION).createIndex(new Index("image.pipelineId", Sort.Direction.ASC)
                .on("image.digest", Sort.Direction.ASC));
        // the lists: newest first over everything visible, of a pipeline, by status (pending lists), by requester
        mongo.indexOps(COLLECTION).createIndex(NEWEST_FIRST.index());
        mongo.indexOps(COLLECTION).createIndex(NEWEST_FIRST.index("image.pipelineId"));
        mongo.indexOps(COLLECTION).createIndex(NEWEST_FIRST.index("status"));
        mongo.indexOps(COLLECTION).createIndex(NEWEST_FIRST.index(RequestListing.REQUESTER, "status"));
        addListingWhereMissing();
    }

    /**
     * Requests stored before {@link RequestListing} was kept get it once at start (each write keeps it from then on),
     * a page at a time.
     */
    private void addListingWhereMissing() {
        Query missing = Query.query(Criteria.where(RequestListing.FIELD).exists(false)).limit(500);
        Set<String> done = new HashSet<>();
        for (List<ApprovalRequest> page = mongo.find(missing, ApprovalRequest.class, COLLECTION); !page.isEmpty();
             page = mongo.find(missing, ApprovalRequest.class, COLLECTION)) {
            for (ApprovalRequest request : page) {
                if (!done.add(request.id())) {
                    throw new IllegalStateException("could not add the listing fields to request " + request.id());
                }
                mongo.updateFirst(Query.query(Criteria.where("_id").is(request.id())),
                        Update.update(RequestListing.FIELD, RequestListing.of(request)), COLLECTION);
            }
        }
    }

    @Override
    public void open(ApprovalRequest request, List<EventPayload> events) {
        try {
            store.insert(COLLECTION, request, events, Map.of(OPEN_KEY, openKey(request),
                    RequestListing.FIELD, RequestListing.of(request)));
        } catch (DuplicateKeyException e) {
            throw new OpenRequestExistsException();
        }
    }

    @Override
    public boolean update(ApprovalRequest next, List<EventPayload> events) {
        Map<String, Object> openKey = new HashMap<>();
        openKey.put(OPEN_KEY, next.status().isOpen() ? openKey(next) : null);
        openKey.put(RequestListing.FIELD, RequestListing.of(next));
        return store.update(COLLECTION, next.id(), next, next.version(), events, openKey);
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ApprovalRequest.class, COLLECTION));
    }

    @Override
    public Optional<ApprovalRequest> openForImage(String pipelineId, String digest) {
        Query byOpenKey = Query.query(Criteria.where(OPEN_KEY).is(openKey(pipelineId, digest)));
        return Optional.ofNullable(mongo.findOne(byOpenKey, ApprovalRequest.class, COLLECTION));
    }

    @Override
    public List<ApprovalRequest> forImage(String pipelineId, String digest) {
        Query query = Query.query(Criteria.where("image.pipelineId").is(pipelineId).and("image.digest").is(digest))
                .with(Sort.by(Sort.Direction.DESC, "createdAt"));
        return mongo.find(query, ApprovalRequest.class, COLLECTION);
    }

    @Override
    public Map<String, ApprovalRequest> latestForImages(String pipelineId, Collection<String> digests) {
        Map<String, ApprovalRequest> latest = new HashMap<>();
        if (digests.isEmpty()) {
            return latest;
        }
        Query query = Query.query(Criteria.where("image.pipelineId").is(pipelineId).and("image.digest").in(digests))
                .with(Sort.by(Sort.Direction.DESC, "createdAt"));
        for (ApprovalRequest request : mongo.find(query, ApprovalRequest.class, COLLECTION)) {
            latest.putIfAbsent(request.image().digest(), request);
        }
        return latest;
    }

    /**
     * Open requests with a vote by {@code userId}. Votes keep the id in the form it had when cast, which is canonical
     * since issue 15 (older spellings are matched by the domain's comparisons when those requests are next judged).
     */
    @Override
    public List<ApprovalRequest> openVotedOnBy(String userId) {
        Query query = Query.query(Criteria.where("status").in(ApprovalStatus.PENDING.name(),
                ApprovalStatus.APPROVED.name()).and("votes.userId").is(userId));
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
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .skip((long) filter.page() * filter.size()).limit(filter.size());
        return mongo.find(query, ApprovalRequest.class, COLLECTION);
    }

    @Override
    public ListPage<ApprovalRequest> list(RequestFilter filter, PageAt at) {
        return NEWEST_FIRST.read(mongo, criteria(filter), at, ApprovalRequest.class, COLLECTION,
                request -> new Cursor(request.createdAt(), request.id()));
    }

    /** {@code filter} as one MongoDB filter: every condition set holds. */
    static Criteria criteria(RequestFilter filter) {
        List<Criteria> all = new ArrayList<>();
        if (filter.pipelineId() != null) {
            all.add(Criteria.where("image.pipelineId").is(filter.pipelineId()));
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            all.add(Criteria.where("status").in(filter.statuses().stream().map(Enum::name).toList()));
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            all.add(Criteria.where("image.tag").regex(Pattern.quote(filter.tag()), "i"));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            List<Criteria> anyOf = new ArrayList<>(List.of(
                    Criteria.where("image.tag").regex(Pattern.quote(filter.text()), "i"),
                    Criteria.where("image.digest").regex(Pattern.quote(filter.text()), "i")));
            if (filter.commitDigests() != null && !filter.commitDigests().isEmpty()) {
                anyOf.add(Criteria.where("image.digest").in(filter.commitDigests()));
            }
            all.add(new Criteria().orOperator(anyOf));
        }
        if (filter.requestedBy() != null) {
            all.add(Criteria.where(RequestListing.REQUESTER).is(filter.requestedBy()));
        }
        if (filter.expiresAfter() != null) {
            all.add(Criteria.where("expiresAt").gt(filter.expiresAfter()));
        }
        if (filter.visibleIn() != null) {
            ReachCriteria.of(filter.visibleIn(), "image.").ifPresent(all::add);
        }
        List<Criteria> pending = new ArrayList<>();
        if (filter.awaiting() != null) {
            pending.add(awaiting(filter.awaiting()));
        }
        if (filter.escalated() != null) {
            pending.add(escalated(filter.escalated()));
        }
        if (!pending.isEmpty()) {
            all.add(pending.size() == 1 ? pending.get(0) : new Criteria().orOperator(pending));
        }
        return allOf(all);
    }

    private static Criteria allOf(List<Criteria> all) {
        return all.isEmpty() ? new Criteria() : all.size() == 1 ? all.get(0) : new Criteria().andOperator(all);
    }

    private static Criteria awaiting(AwaitingVotePolicy.VoterFilter voter) {
        List<Criteria> all = new ArrayList<>();
        all.add(Criteria.where("status").is(ApprovalStatus.PENDING.name()).and("expiresAt").gt(voter.now())
                .and(RequestListing.FOREIGN_IMAGE).ne(true)
                .and(RequestListing.REQUESTER).ne(voter.voter())
                .and(RequestListing.BUILDER).ne(voter.voter())
                .and(RequestListing.VOTERS).ne(voter.voter()));
        ReachCriteria.of(voter.reach(), "image.").ifPresent(all::add);
        return allOf(all);
    }

    /** {@link EscalationPolicy#seesEscalated} as a filter: pending, not expired, not theirs, in a window. */
    private static Criteria escalated(EscalationPolicy.EscalatedFilter viewer) {
        List<Criteria> windows = viewer.windows().stream().map(window -> {
            Criteria where = window.pipelines() != null ? Criteria.where("image.pipelineId").in(window.pipelines())
                    : Criteria.where("image.pipelineId").nin(window.except());
            return where.and("createdAt").lte(window.createdBy());
        }).toList();
        return new Criteria().andOperator(Criteria.where("status").is(ApprovalStatus.PENDING.name())
                        .and("expiresAt").gt(viewer.now()).and(RequestListing.REQUESTER).ne(viewer.viewer()),
                windows.size() == 1 ? windows.get(0) : new Criteria().orOperator(windows));
    }

    private static String openKey(ApprovalRequest request) {
        return openKey(request.image().pipelineId(), request.image().digest());
    }

    /** Set while a request is open; unique, so one open request per image and pipeline, found by an index read. */
    private static String openKey(String pipelineId, String digest) {
        return pipelineId + "|" + digest;
    }
}
