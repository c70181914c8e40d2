package dev.shipgate.approval.pipeline.application;

import dev.shipgate.approval.pipeline.domain.Pipeline;

import java.util.Optional;

/** The replica of deploy-service's pipelines, fed by the compacted pipelines topic. */
public interface Pipelines {

    void save(Pipeline pipeline);

    /** A pipeline that exists and is not deleted. */
    Optional<Pipeline> find(String pipelineId);
}
