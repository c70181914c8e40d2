package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.support.paging.NewestFirst;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.support.messaging.AggregateStore;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * Deployments in MongoDB, with an index of our own for the live deployments of each pipeline (authorized,
 * progressing or healthy: the ones a newer deployment supersedes, and the active one). The embedded database uses no
 * index for a query on the status, so asking for them scanned every deployment ever made, once per rollout.
 * <p>
 * The index is one document per pipeline, {@code {_id: pipelineId, ids: [...], complete: true}}, holding a superset
 * of the ids: an id goes in before its deployment is written AUTHORIZED (the only way into the live states) and comes
 * out only once the deployment is final. The first read of a pipeline's document completes it from a scan, for the
 * deployments made before the index existed.
 */
class MongoDeployments implements Deployments {

    public static final String COLLECTION = "deployments";
    static final String LIVE_COLLECTION = "live_deployments";
    private static final List<DeploymentStatus> LIVE = DeploymentStatus.where(DeploymentStatus::isLive);

    private static final NewestFirst NEWEST_FIRST = new NewestFirst("requestedAt");

    private final MongoTemplate mongo;
    private final AggregateStore store;

    MongoDeployments(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
        mongo.indexOps(COLLECTION).createIndex(new Index("image.pipelineId", Sort.Direction.ASC)
                .on("requestedAt", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(NEWEST_FIRST.index("image.pipelineId")); // the history's pager
        mongo.indexOps(COLLECTION).createIndex(new Index("status", Sort.Direction.ASC));
    }

    @Override
    public boolean insert(Deployment deployment, List<EventPayload> events) {
        if (deployment.status() == DeploymentStatus.AUTHORIZED) { // a break-glass is AUTHORIZED from the start
            mongo.upsert(byId(deployment.image().pipelineId()), new Update().addToSet("ids", deployment.id()),
                    LIVE_COLLECTION);
        }
        try {
            store.insert(COLLECTION, deployment, events, Map.of());
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    @Override
    public boolean update(Deployment deployment, List<EventPayload> events) {
        if (deployment.status() == DeploymentStatus.AUTHORIZED) {
            mongo.upsert(byId(deployment.image().pipelineId()), new Update().addToSet("ids", deployment.id()),
                    LIVE_COLLECTION);
        }
        return store.update(COLLECTION, deployment.id(), deployment, deployment.version(), events, Map.of());
    }

    @Override
    public Optional<Deployment> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Deployment.class, COLLECTION));
    }

    @Override
    public List<Deployment> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Query query = Query.query(Criteria.where("_id").in(ids)).with(Sort.by(Sort.Direction.ASC, "requestedAt"));
        return mongo.find(query, Deployment.class, COLLECTION);
    }

    @Override
    public ListPage<Deployment> forPipeline(String pipelineId, String text, Collection<String> commitDigests,
                                            PageAt at) {
        Criteria filter = Criteria.where("image.pipelineId").is(pipelineId);
        if (text != null && !text.isBlank()) {
            String quoted = Pattern.quote(text);
            List<Criteria> anyOf = new ArrayList<>(List.of(Criteria.where("image.tag").regex(quoted, "i"),
                    Criteria.where("image.digest").regex(quoted, "i")));
            if (!commitDigests.isEmpty()) {
                anyOf.add(Criteria.where("image.digest").in(commitDigests));
            }
            filter = new Criteria().andOperator(filter, new Criteria().orOperator(anyOf));
        }
        return NEWEST_FIRST.read(mongo, filter, at, Deployment.class, COLLECTION,
                deployment -> new Cursor(deployment.requestedAt(), deployment.id()));
    }

    @Override
    public List<Deployment> withStatus(List<DeploymentStatus> statuses, int limit) {
        Query query = Query.query(Criteria.where("status").in(statuses.stream().map(Enum::name).toList()))
                .with(Sort.by(Sort.Direction.ASC, "requestedAt")).limit(limit);
        return mongo.find(query, Deployment.class, COLLECTION);
    }

    @Override
    public List<Deployment> inPipelineWithStatus(String pipelineId, List<DeploymentStatus> statuses) {
        if (!statuses.stream().allMatch(DeploymentStatus::isLive)) {
            return scan(pipelineId, statuses);
        }
        List<Deployment> candidates = findAll(liveIds(pipelineId));
        Object[] over = candidates.stream().filter(d -> d.status().isFinal()).map(Deployment::id).toArray();
        if (over.length > 0) {
            mongo.updateFirst(byId(pipelineId), new Update().pullAll("ids", over), LIVE_COLLECTION);
        }
        return candidates.stream().filter(d -> statuses.contains(d.status())).toList();
    }

    @Override
    public List<Deployment> withOpenReview(int limit) {
        Query query = Query.query(Criteria.where("breakGlass.review").is("OPEN"))
                .with(Sort.by(Sort.Direction.ASC, "breakGlass.reviewDueAt")).limit(limit);
        return mongo.find(query, Deployment.class, COLLECTION);
    }

    @Override
    public Set<String> digestsInPipelineWithStatus(String pipelineId, List<DeploymentStatus> statuses) {
        Query query = Query.query(Criteria.where("image.pipelineId").is(pipelineId)
                .and("status").in(statuses.stream().map(Enum::name).toList()));
        return new HashSet<>(mongo.findDistinct(query, "image.digest", COLLECTION, String.class));
    }

    private Set<String> liveIds(String pipelineId) {
        Document index = mongo.findById(pipelineId, Document.class, LIVE_COLLECTION);
        Set<String> ids = new HashSet<>(index == null ? List.of() : index.getList("ids", String.class, List.of()));
        if (index == null || !index.getBoolean("complete", false)) {
            Object[] scanned = scan(pipelineId, LIVE).stream().map(Deployment::id).toArray();
            mongo.upsert(byId(pipelineId), new Update().addToSet("ids").each(scanned).set("complete", true),
                    LIVE_COLLECTION);
            Arrays.stream(scanned).forEach(id -> ids.add((String) id));
        }
        return ids;
    }

    private List<Deployment> scan(String pipelineId, List<DeploymentStatus> statuses) {
        Query query = Query.query(Criteria.where("image.pipelineId").is(pipelineId)
                .and("status").in(statuses.stream().map(Enum::name).toList()));
        return mongo.find(query, Deployment.class, COLLECTION);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
