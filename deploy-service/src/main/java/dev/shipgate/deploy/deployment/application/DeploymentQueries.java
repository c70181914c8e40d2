package dev.shipgate.deploy.deployment.application;

import dev.shipgate.deploy.replica.application.ImageReplica;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.deploy.deployment.domain.ActiveDeployment;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.shared.domain.DeployRefusal;

import java.util.List;
import java.util.Optional;

/**
 * What a caller may read of deployments. Who may read: whoever may see the deployment's pipeline
 * ({@link PipelineService#findVisible}: View or Approve images on its scope); to anyone else a pipeline or deployment
 * is unknown (404), the same answer as for one that does not exist, so its existence is not revealed.
 */
public class DeploymentQueries {

    /** A commit prefix matches at most this many images (a short prefix is a search by tag or digest anyway). */
    static final int COMMIT_MATCHES = 1000;

    private final Deployments deployments;
    private final PipelineService pipelines;
    private final ImageReplica images;

    /** @param images where the images' commits are looked up: deployments name the image by digest only */
    public DeploymentQueries(Deployments deployments, PipelineService pipelines, ImageReplica images) {
        this.deployments = deployments;
        this.pipelines = pipelines;
        this.images = images;
    }

    /**
     * A page of the pipeline's deployments (see {@link Deployments#forPipeline}); {@code text} finds part of the tag
     * (any case), part of the digest, or the start of the image's commit (the digests of the images with that commit,
     * from the image replica). 404 {@code UNKNOWN_PIPELINE}.
     */
    public ListPage<Deployment> history(String callerId, String pipelineId, String text, PageAt at) {
        requireReadable(callerId, pipelineId);
        List<String> commitDigests = text == null || text.isBlank() ? List.of()
                : images.digestsOfCommit(text.strip(), COMMIT_MATCHES);
        return deployments.forPipeline(pipelineId, text, commitDigests, at);
    }

    /** The pipeline's {@link ActiveDeployment}, empty when none runs; 404 {@code UNKNOWN_PIPELINE}. */
    public Optional<Deployment> active(String callerId, String pipelineId) {
        requireReadable(callerId, pipelineId);
        return ActiveDeployment.among(deployments.inPipelineWithStatus(pipelineId, ActiveDeployment.CANDIDATES));
    }

    /** The deployment; 404 {@code UNKNOWN_DEPLOYMENT} when it does not exist or its pipeline is not visible. */
    public Deployment deployment(String callerId, String deploymentId) {
        return deployments.find(deploymentId)
                .filter(d -> readable(callerId, d.image().pipelineId()))
                .orElseThrow(() -> DeployRefusal.UNKNOWN_DEPLOYMENT.because("no deployment " + deploymentId)
                        .exception());
    }

    /** Refused as 404 {@code UNKNOWN_PIPELINE} unless the caller may read the pipeline's deployments. */
    public void requireReadable(String callerId, String pipelineId) {
        pipelines.visible(callerId, pipelineId);
    }

    /** Whether the caller may read the pipeline's deployments now (a live stream asks before each event). */
    public boolean readable(String callerId, String pipelineId) {
        return pipelines.findVisible(callerId, pipelineId).isPresent();
    }
}
