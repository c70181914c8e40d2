package dev.shipgate.deploy.window.adapter;

import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.deploy.window.application.Windows;
import dev.shipgate.support.config.SeedSections;
import org.springframework.core.io.Resource;
import org.springframework.dao.DuplicateKeyException;

import java.io.IOException;

/**
 * Creates the seed file's deployment windows ({@code windows}: an {@code id}, a {@code pipelineId} or a scope, and
 * the fields of {@link WindowController.WindowBody}) that do not exist yet. A window deleted through the API comes
 * back at the next start, as a seeded pipeline does.
 */
class WindowSeeder {

    private final Windows windows;

    WindowSeeder(Windows windows) {
        this.windows = windows;
    }

    public void seed(Resource seedFile) throws IOException {
        for (var node : SeedSections.entries(seedFile, "windows")) {
            String id = node.path("id").asString();
            String pipelineId = node.path("pipelineId").isString() ? node.path("pipelineId").asString() : null;
            WindowController.WindowBody body = KafkaEventCodec.json().treeToValue(node,
                    WindowController.WindowBody.class);
            WindowDocument document = body.toDocument(pipelineId);
            if (windows.find(id).isEmpty()) {
                try {
                    windows.insert(new WindowDocument(id, document.pipelineId(), document.project(),
                            document.application(), document.environment(), document.kind(),
                            document.recurrence(), document.duration(), document.timeZone(),
                            document.startDate(), document.endDate(), document.message(),
                            document.holdsRollbacks()).toWindow());
                } catch (DuplicateKeyException seededByAnotherInstance) {
                    // the same seed, written by an instance that started at the same moment
                }
            }
        }
    }
}
