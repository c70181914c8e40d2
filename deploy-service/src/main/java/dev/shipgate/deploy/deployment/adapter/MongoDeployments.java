package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.contracts.EventPayload;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public class MongoDeployments implements Deployments {

    public static final String COLLECTION = "deployments";

    private final MongoTemplate mongo;
    private final AggregateStore store;

    public MongoDeployments(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
        mongo.indexOps(COLLECTION).createIndex(new Index("image.pipelineId", Sort.Direction.ASC)
                .on("requestedAt", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index("status", Sort.Direction.ASC));
    }

    @Override
    public boolean insert(Deployment deployment, List<EventPayload> events) {
        try {
            store.insert(COLLECTION, deployment, events, Map.of());
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    @Override
    public boolean update(Deployment deployment, List<EventPayload> events) {
        return store.update(COLLECTION, deployment.id(), deployment, deployment.version(), events, Map.of());
    }

    @Override
    public Optional<Deployment> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Deployment.class, COLLECTION));
    }

    @Override
    public List<Deployment> findAll(Collection<String> ids) {
        Query query = Query.query(Criteria.where("_id").in(ids)).with(Sort.by(Sort.Direction.ASC, "requestedAt"));
        return mongo.find(query, Deployment.class, COLLECTION);
    }

    @Override
    public List<Deployment> forPipeline(String pipelineId, int page, int size) {
        Query query = Query.query(Criteria.where("image.pipelineId").is(pipelineId))
                .with(Sort.by(Sort.Direction.DESC, "requestedAt")).skip((long) page * size).limit(size);
        return mongo.find(query, Deployment.class, COLLECTION);
    }

    @Override
    public List<Deployment> withStatus(List<DeploymentStatus> statuses, int limit) {
        Query query = Query.query(Criteria.where("status").in(statuses.stream().map(Enum::name).toList()))
                .with(Sort.by(Sort.Direction.ASC, "requestedAt")).limit(limit);
        return mongo.find(query, Deployment.class, COLLECTION);
    }

    @Override
    public List<Deployment> inPipelineWithStatus(String pipelineId, List<DeploymentStatus> statuses) {
        Query query = Query.query(Criteria.where("image.pipelineId").is(pipelineId)
                .and("status").in(statuses.stream().map(Enum::name).toList()));
        return mongo.find(query, Deployment.class, COLLECTION);
    }
}
