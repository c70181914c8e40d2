package dev.shipgate.approval.decision.adapter;

import dev.shipgate.approval.decision.application.DeployDecisions;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.support.messaging.Outbox;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;

/** One document per decided deployment, holding the decision in its outbox; the id makes it decide once. */
public class MongoDeployDecisions implements DeployDecisions {

    public static final String COLLECTION = "deploy_decisions";

    private final MongoTemplate mongo;
    private final Outbox outbox;

    public MongoDeployDecisions(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    @Override
    public void record(String deploymentId, EventPayload decision) {
        Document document = new Document("_id", deploymentId)
                .append("decision", decision.getClass().getSimpleName())
                .append("at", Instant.now())
                .append("outbox", outbox.entries(List.of(decision)));
        try {
            mongo.insert(document, COLLECTION);
            outbox.flushSoon(COLLECTION, deploymentId);
        } catch (DuplicateKeyException alreadyDecided) {
            // a redelivered deploy request: the first decision stands
        }
    }
}
