package dev.shipgate.contracts.events;

/** An image as seen by one CD pipeline: which pipeline (application into environment), which image. */
public record PipelineImage(String pipelineId, String application, String environment, String digest, String tag) {
}
