package dev.shipgate.approval.pipeline.application;

import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;

import java.util.Optional;

/** The replica of deploy-service's pipelines, fed by the compacted pipelines topic. */
public interface PipelineReplica {

    void save(ReplicatedPipeline pipeline);

    /** A pipeline that exists and is not deleted. */
    Optional<ReplicatedPipeline> find(String pipelineId);
}
