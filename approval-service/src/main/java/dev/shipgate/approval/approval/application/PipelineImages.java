package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.DeployablePolicy;
import dev.shipgate.approval.approval.domain.ApprovalRefusal;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.approval.approval.domain.ViewingPolicy;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.pipeline.application.ActiveImages;
import dev.shipgate.approval.pipeline.application.Pipelines;
import dev.shipgate.approval.pipeline.domain.Pipeline;
import dev.shipgate.contracts.events.PipelineImage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Build &amp; Deploy screens show for one pipeline: its images with their approval state, the ones that may
 * be deployed now, and who may approve. Only for callers who may see the pipeline ({@link ViewingPolicy}); whether
 * an image may be deployed is {@link DeployablePolicy}'s answer.
 */
public class PipelineImages {

    private final Pipelines pipelines;
    private final Images images;
    private final ApprovalRequests requests;
    private final ActiveImages activeImages;
    private final ApprovalService approvals;
    private final AccessDirectory access;
    private final Clock clock;

    public PipelineImages(Pipelines pipelines, Images images, ApprovalRequests requests, ActiveImages activeImages,
                          ApprovalService approvals, AccessDirectory access, Clock clock) {
        this.pipelines = pipelines;
        this.images = images;
        this.requests = requests;
        this.activeImages = activeImages;
        this.approvals = approvals;
        this.access = access;
        this.clock = clock;
    }

    /** A page of images as the caller sees them at {@code now}. */
    public record ImagePage(Actor caller, Pipeline pipeline, Instant now, List<ImageState> images) {
    }

    /**
     * @param newest     the image's newest request on the pipeline as stored (shown judged now), if any
     * @param deployable {@link DeployablePolicy#deployable}
     * @param active     whether it is the image active on the pipeline's environment
     */
    public record ImageState(Image image, Optional<ApprovalRequest> newest, boolean deployable, boolean active) {
    }

    /** A person who may approve images of the pipeline, and the approver rules (groups) they can fill. */
    public record EligibleApprover(String userId, List<String> rules) {
    }

    /** Every image of the pipeline's application, newest first; {@code tag} matches part of a tag, or all if null. */
    public ImagePage images(String callerId, String pipelineId, String tag, int page, int size) {
        Actor caller = access.actor(callerId);
        Pipeline pipeline = visiblePipeline(caller, pipelineId);
        Optional<String> active = activeImages.active(pipelineId).map(PipelineImage::digest);
        return page(caller, pipeline, active, images.forApplication(pipeline.application(), tag, page, size));
    }

    /**
     * "Approved images" of Select Image: approved, unused, unexpired (judged now: a pending request that meets a
     * lowered policy is deployable, an approval past its time is not). Without approval on the pipeline, every image
     * but the active one.
     */
    public ImagePage deployableImages(String callerId, String pipelineId, String tag, int page, int size) {
        Actor caller = access.actor(callerId);
        Pipeline pipeline = visiblePipeline(caller, pipelineId);
        Optional<String> active = activeImages.active(pipelineId).map(PipelineImage::digest);
        if (pipeline.requiredApprovals() == 0) { // every image may be deployed but the active one
            return page(caller, pipeline, active, images.forApplication(pipeline.application(), tag, page, size)
                    .stream().filter(image -> !active.map(image.digest()::equals).orElse(false)).toList());
        }
        Instant now = clock.instant();
        return page(caller, pipeline, active, requests.search(new ApprovalRequests.RequestQuery(pipelineId,
                        List.of(ApprovalStatus.APPROVED, ApprovalStatus.PENDING), tag, page, size)).stream()
                .filter(request -> DeployablePolicy.usable(approvals.live(request), now))
                .map(request -> images.find(request.image().digest()))
                .flatMap(Optional::stream)
                .toList());
    }

    /** Who may approve images of the pipeline, sorted: never the caller (who would request), nor the builder. */
    public List<String> approvers(String callerId, String pipelineId, String imageDigest) {
        return approvers(callerId, visiblePipeline(access.actor(callerId), pipelineId), imageDigest);
    }

    /** As {@link #approvers}, each with the pipeline's approver rules whose group they are in. */
    public List<EligibleApprover> eligibleApprovers(String callerId, String pipelineId, String imageDigest) {
        Pipeline pipeline = visiblePipeline(access.actor(callerId), pipelineId);
        List<String> groups = pipeline.approverRules().stream().map(rule -> rule.group()).toList();
        return approvers(callerId, pipeline, imageDigest).stream().map(access::actor)
                .map(actor -> new EligibleApprover(actor.userId(), groups.stream().filter(actor.groups()::contains)
                        .toList()))
                .toList();
    }

    private List<String> approvers(String callerId, Pipeline pipeline, String imageDigest) {
        String builder = imageDigest == null ? null : images.find(imageDigest).map(Image::builtBy).orElse(null);
        RequestedImage image = new RequestedImage(pipeline.id(), pipeline.project(), pipeline.application(),
                pipeline.environment(), imageDigest, null, builder);
        return approvals.eligibleApprovers(image, callerId).stream().sorted().toList();
    }

    private ImagePage page(Actor caller, Pipeline pipeline, Optional<String> active, List<Image> page) {
        Instant now = clock.instant();
        Map<String, ApprovalRequest> newest = requests.latestForImages(pipeline.id(),
                page.stream().map(Image::digest).toList());
        return new ImagePage(caller, pipeline, now, page.stream().map(image -> {
            boolean isActive = active.map(image.digest()::equals).orElse(false);
            Optional<ApprovalRequest> latest = Optional.ofNullable(newest.get(image.digest()));
            boolean deployable = DeployablePolicy.deployable(pipeline.requiredApprovals() > 0, isActive,
                    latest.map(approvals::live), now);
            return new ImageState(image, latest, deployable, isActive);
        }).toList());
    }

    private Pipeline visiblePipeline(Actor caller, String pipelineId) {
        return pipelines.find(pipelineId).filter(pipeline -> ViewingPolicy.maySee(caller, pipeline.scope()))
                .orElseThrow(() -> ApprovalRefusal.UNKNOWN_PIPELINE.because("no pipeline " + pipelineId).exception());
    }
}
