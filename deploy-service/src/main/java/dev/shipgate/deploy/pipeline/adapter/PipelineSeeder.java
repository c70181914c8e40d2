package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import org.springframework.core.io.Resource;
import org.springframework.dao.DuplicateKeyException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Creates the seed file's pipelines that do not exist yet, so the local default has something to deploy. Instances
 * starting together may both find one missing: the second insert meets the first one's document and leaves it.
 */
class PipelineSeeder {

    private final Pipelines pipelines;

    PipelineSeeder(Pipelines pipelines) {
        this.pipelines = pipelines;
    }

    public void seed(Resource seedFile) throws IOException {
        if (seedFile == null || !seedFile.exists()) {
            return;
        }
        try (InputStream in = seedFile.getInputStream()) {
            var tree = KafkaEventCodec.json().readTree(in);
            for (var node : tree.path("pipelines")) {
                String id = node.path("id").asString();
                PipelineController.PipelineBody body = KafkaEventCodec.json().treeToValue(node,
                        PipelineController.PipelineBody.class);
                Pipeline pipeline = body.toPipeline(id);
                if (pipelines.find(id).isEmpty()) {
                    try {
                        pipelines.create(pipeline);
                    } catch (DuplicateKeyException seededByAnotherInstance) {
                        // the same seed, written by an instance that started at the same moment
                    }
                }
            }
        }
    }
}
