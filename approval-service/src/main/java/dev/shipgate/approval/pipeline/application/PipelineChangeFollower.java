package dev.shipgate.approval.pipeline.application;

/**
 * Told that a pipeline's configuration changed, once the replica holds the new one. The approval feature follows it
 * to judge the pipeline's open requests again (design rule 10); the port keeps the pipeline feature from knowing it.
 */
@FunctionalInterface
public interface PipelineChangeFollower {

    void pipelineChanged(String pipelineId);
}
