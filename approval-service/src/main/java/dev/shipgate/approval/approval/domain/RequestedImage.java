package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineImage;

import java.util.Objects;

/**
 * The image a request is about, on its pipeline, with who built it (who may never approve it).
 *
 * @param application      the pipeline's application
 * @param builtBy          the builder's user id
 * @param imageApplication the application CI registered the image for; an image of another application never
 *                         crosses onto this pipeline (issue 15, item 5). Null only in requests stored before it was
 *                         kept: the application layer fills it in from the image before deciding.
 */
public record RequestedImage(String pipelineId, String project, String application, String environment,
                             String digest, String tag, String builtBy, String imageApplication) {

    /** An image registered for the pipeline's own application. */
    public RequestedImage(String pipelineId, String project, String application, String environment, String digest,
                          String tag, String builtBy) {
        this(pipelineId, project, application, environment, digest, tag, builtBy, application);
    }

    public Scope scope() {
        return new Scope(project, application, environment);
    }

    /** Whether CI registered the image for an application other than the pipeline's. */
    public boolean isOfAnotherApplication() {
        return imageApplication != null && !Objects.equals(imageApplication, application);
    }

    public RequestedImage withBuilderAndImageApplication(String nextBuiltBy, String nextImageApplication) {
        return new RequestedImage(pipelineId, project, application, environment, digest, tag, nextBuiltBy,
                nextImageApplication);
    }

    public PipelineImage toPipelineImage() {
        return new PipelineImage(pipelineId, application, environment, digest, tag);
    }
}
