package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.pipeline.domain.ReminderPlanRules;
import dev.shipgate.support.config.SeedSections;
import org.springframework.core.io.Resource;
import org.springframework.dao.DuplicateKeyException;

import java.io.IOException;

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
        for (var node : SeedSections.entries(seedFile, "pipelines")) {
            String id = node.path("id").asString();
            PipelineController.PipelineBody body = KafkaEventCodec.json().treeToValue(node,
                    PipelineController.PipelineBody.class);
            Pipeline pipeline = body.toPipeline(id);
            ReminderPlanRules.check(pipeline.reminders()); // as the API checks it: a bad seed stops the start, named
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
