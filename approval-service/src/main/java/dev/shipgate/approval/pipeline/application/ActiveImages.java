package dev.shipgate.approval.pipeline.application;

import dev.shipgate.contracts.events.PipelineImage;

import java.time.Instant;
import java.util.Optional;

/** Which image runs on each pipeline's environment ("Active on <env>"), from deployment events. */
public interface ActiveImages {

    /** Records the image as active unless a later deployment is already recorded. */
    void activate(PipelineImage image, String deploymentId, Instant since);

    Optional<PipelineImage> active(String pipelineId);
}
