package dev.shipgate.approval.pipeline.adapter;

import dev.shipgate.approval.pipeline.application.ActiveImages;
import dev.shipgate.contracts.events.PipelineImage;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

class MongoActiveImages implements ActiveImages {

    public static final String COLLECTION = "active_images";

    private final MongoTemplate mongo;

    public MongoActiveImages(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void activate(PipelineImage image, String deploymentId, Instant since) {
        Document current = mongo.findById(image.pipelineId(), Document.class, COLLECTION);
        if (current != null && current.getDate("since").toInstant().isAfter(since)) {
            return; // a newer deployment is already active: an old event arrived late
        }
        Document document = new Document("_id", image.pipelineId()).append("application", image.application())
                .append("environment", image.environment()).append("digest", image.digest())
                .append("tag", image.tag()).append("deploymentId", deploymentId).append("since", Date.from(since));
        mongo.save(document, COLLECTION);
    }

    @Override
    public Optional<PipelineImage> active(String pipelineId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(pipelineId)), Document.class,
                        COLLECTION))
                .map(d -> new PipelineImage(pipelineId, d.getString("application"), d.getString("environment"),
                        d.getString("digest"), d.getString("tag")));
    }
}
