package dev.shipgate.approval.decision.adapter;

import dev.shipgate.approval.shared.CollectionNames;
import dev.shipgate.approval.decision.application.DeployDecisions;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.support.messaging.Outbox;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.util.List;

/**
 * One document per decided deployment, holding the decision in its outbox; the id makes it decide once. Beside the
 * outbox it keeps what the audit shows (pipeline, image, who, through what, when, the outcome and its reason), in the
 * same single-document insert.
 */
class MongoDeployDecisions implements DeployDecisions {

    static final String COLLECTION = CollectionNames.DEPLOY_DECISIONS;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;

    public MongoDeployDecisions(MongoTemplate mongo, Outbox outbox, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void record(String deploymentId, EventPayload decision, Channel via, String requestId) {
        Document document = new Document("_id", deploymentId)
                .append("decision", decision.getClass().getSimpleName())
                .append("at", clock.instant())
                .append("requestId", requestId)
                .append("via", via == null ? null : new Document("kind", via.kind().name()).append("id", via.id())
                        .append("name", via.name()));
        if (decision instanceof DeploymentRejected rejected) {
            describe(document, rejected.image(), rejected.requestedBy()).append("reason", rejected.reason())
                    .append("message", rejected.message());
        } else if (decision instanceof DeploymentAuthorized authorized) {
            describe(document, authorized.image(), authorized.requestedBy());
        }
        List<Document> entries = outbox.entries(List.of(decision));
        document.append("outbox", entries);
        try {
            mongo.insert(document, COLLECTION);
            outbox.flushSoon(COLLECTION, deploymentId, entries); // what the insert wrote: no read needed
        } catch (DuplicateKeyException alreadyDecided) {
            // a redelivered deploy request: the first decision stands
        }
    }

    private static Document describe(Document document, PipelineImage image, String requestedBy) {
        return document.append("pipelineId", image.pipelineId()).append("digest", image.digest())
                .append("tag", image.tag()).append("requestedBy", requestedBy);
    }
}
