package dev.shipgate.approval.pipeline.application;

import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;

import dev.shipgate.contracts.events.PipelineReminders;

import java.util.Map;
import java.util.Optional;

/** The replica of deploy-service's pipelines, fed by the compacted pipelines topic. */
public interface PipelineReplica {

    void save(ReplicatedPipeline pipeline);

    /** A pipeline that exists and is not deleted. */
    Optional<ReplicatedPipeline> find(String pipelineId);

    /** The reminder plans of the pipelines (existing, not deleted) that have one of their own, by pipeline id. */
    Map<String, PipelineReminders> ownReminders();
}
