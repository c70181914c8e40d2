package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineImage;

/** The image a request is about, on its pipeline, with who built it (who may never approve it). */
public record RequestedImage(String pipelineId, String project, String application, String environment,
                             String digest, String tag, String builtBy) {

    public Scope scope() {
        return new Scope(project, application, environment);
    }

    public PipelineImage toPipelineImage() {
        return new PipelineImage(pipelineId, application, environment, digest, tag);
    }
}
