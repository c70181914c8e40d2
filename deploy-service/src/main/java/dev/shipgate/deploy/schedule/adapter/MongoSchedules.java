package dev.shipgate.deploy.schedule.adapter;

import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import dev.shipgate.deploy.schedule.application.Schedules;
import dev.shipgate.deploy.schedule.domain.ScheduleStatus;
import dev.shipgate.deploy.schedule.domain.ScheduledDeploy;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Schedules in MongoDB through the {@link AggregateStore}: each write is one document update guarded by the version
 * it was decided on, with its event in the document's outbox. That guard is what makes a claim atomic: of two
 * instances claiming the same due schedule, only the first write matches.
 */
class MongoSchedules implements Schedules {

    static final String COLLECTION = "deploy_schedules";

    private final MongoTemplate mongo;
    private final AggregateStore store;

    MongoSchedules(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
        mongo.indexOps(COLLECTION).createIndex(new Index("status", Sort.Direction.ASC).on("runAt", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index("image.pipelineId", Sort.Direction.ASC)
                .on("runAt", Sort.Direction.DESC));
    }

    @Override
    public boolean insert(ScheduledDeploy schedule, List<DeploymentScheduleChanged> events) {
        try {
            store.insert(COLLECTION, schedule, events, Map.of());
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    @Override
    public boolean update(ScheduledDeploy next, List<DeploymentScheduleChanged> events) {
        return store.update(COLLECTION, next.id(), next, next.version(), events, Map.of());
    }

    @Override
    public Optional<ScheduledDeploy> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ScheduledDeploy.class, COLLECTION));
    }

    @Override
    public List<ScheduledDeploy> due(Instant now, int limit) {
        Query query = Query.query(new Criteria().orOperator(
                Criteria.where("status").is(ScheduleStatus.PENDING.name()).and("runAt").lte(now),
                Criteria.where("status").is(ScheduleStatus.CLAIMED.name()).and("claimedUntil").lte(now)))
                .with(Sort.by("runAt")).limit(limit);
        return mongo.find(query, ScheduledDeploy.class, COLLECTION);
    }

    @Override
    public List<ScheduledDeploy> pending(int limit) {
        Query query = Query.query(Criteria.where("status").is(ScheduleStatus.PENDING.name()))
                .with(Sort.by("runAt")).limit(limit);
        return mongo.find(query, ScheduledDeploy.class, COLLECTION);
    }

    @Override
    public List<ScheduledDeploy> ofPipeline(String pipelineId, int limit) {
        Query query = Query.query(Criteria.where("image.pipelineId").is(pipelineId))
                .with(Sort.by(Sort.Direction.DESC, "runAt")).limit(limit);
        return mongo.find(query, ScheduledDeploy.class, COLLECTION);
    }
}
