package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.approval.domain.ApprovalPolicy;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.People;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.pipeline.application.PipelineReplica;

import java.time.Duration;
import java.util.Objects;

/**
 * What a request is judged against at the moment it is read, voted on or used (design rule 10): the pipeline's
 * policy now, the image's builder as the directory knows it now, and each person's access now. Every path that
 * decides on a request (votes, withdrawals, deploy decisions, reads, the re-evaluation triggers) goes through here,
 * so none of them judges under a stale policy.
 */
public class CurrentRules {

    private final PipelineReplica pipelines;
    private final Images images;
    private final AccessDirectory access;
    private final Duration defaultRequestLifetime;

    public CurrentRules(PipelineReplica pipelines, Images images, AccessDirectory access,
                        Duration defaultRequestLifetime) {
        this.pipelines = pipelines;
        this.images = images;
        this.access = access;
        this.defaultRequestLifetime = defaultRequestLifetime;
    }

    /** Each person as the directory knows them now (unknown or deactivated: no permissions). */
    public People people() {
        return access::actor;
    }

    /**
     * The request under the pipeline's policy now (the stored one when the pipeline is gone), with its builder
     * resolved as the directory knows it now and the image's application filled in (requests stored before it was
     * kept lack it); the same object when nothing differs.
     */
    public ApprovalRequest applyTo(ApprovalRequest request) {
        ApprovalRequest current = pipelines.find(request.image().pipelineId())
                .map(pipeline -> request.withPolicy(ApprovalPolicy.of(pipeline, defaultRequestLifetime)))
                .orElse(request);
        RequestedImage image = current.image();
        String builtBy = access.resolve(image.builtBy());
        String imageApplication = image.imageApplication() != null ? image.imageApplication()
                : images.find(image.digest()).map(Image::application).orElse(null);
        if (builtBy != null && builtBy.equals(image.builtBy())
                && Objects.equals(imageApplication, image.imageApplication())) {
            return current;
        }
        return current.withImage(image.withBuilderAndImageApplication(builtBy, imageApplication));
    }
}
