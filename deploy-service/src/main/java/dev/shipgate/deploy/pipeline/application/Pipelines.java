package dev.shipgate.deploy.pipeline.application;

import dev.shipgate.deploy.pipeline.domain.Pipeline;

import java.util.List;
import java.util.Optional;

/** Stored pipelines; each save also queues the PipelineConfigured event for the compacted topic. */
public interface Pipelines {

    void create(Pipeline pipeline);

    /** Stores if unchanged since read ({@code pipeline.version()}); false when someone else changed it first. */
    boolean update(Pipeline pipeline);

    Optional<Pipeline> find(String id);

    List<Pipeline> all();
}
