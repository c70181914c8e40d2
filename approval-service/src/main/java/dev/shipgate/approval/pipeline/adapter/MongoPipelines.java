package dev.shipgate.approval.pipeline.adapter;

import dev.shipgate.approval.pipeline.application.Pipelines;
import dev.shipgate.approval.pipeline.domain.Pipeline;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Optional;

public class MongoPipelines implements Pipelines {

    public static final String COLLECTION = "pipelines";

    private final MongoTemplate mongo;

    public MongoPipelines(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void save(Pipeline pipeline) {
        mongo.save(pipeline, COLLECTION);
    }

    @Override
    public Optional<Pipeline> find(String pipelineId) {
        return Optional.ofNullable(mongo.findById(pipelineId, Pipeline.class, COLLECTION))
                .filter(pipeline -> !pipeline.deleted());
    }
}
