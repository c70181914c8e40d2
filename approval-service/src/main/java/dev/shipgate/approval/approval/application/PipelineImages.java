package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.DeployablePolicy;
import dev.shipgate.approval.approval.domain.ImageActions;
import dev.shipgate.approval.approval.domain.ApprovalRefusal;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.approval.approval.domain.ViewingPolicy;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.pipeline.application.ActiveImages;
import dev.shipgate.approval.pipeline.application.PipelineReplica;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the Build &amp; Deploy screens show for one pipeline: its images with their approval state, the ones that may
 * be deployed now, and who may approve. Only for callers who may see the pipeline ({@link ViewingPolicy}); whether
 * an image may be deployed is {@link DeployablePolicy}'s answer.
 */
public class PipelineImages {

    private final PipelineReplica pipelines;
    private final Images images;
    private final ApprovalRequests requests;
    private final RequestQueries queries;
    private final ActiveImages activeImages;
    private final ApprovalService approvals;
    private final AccessDirectory access;
    private final Clock clock;

    public PipelineImages(PipelineReplica pipelines, Images images, ApprovalRequests requests, RequestQueries queries,
                          ActiveImages activeImages, ApprovalService approvals, AccessDirectory access, Clock clock) {
        this.queries = queries;
        this.pipelines = pipelines;
        this.images = images;
        this.requests = requests;
        this.activeImages = activeImages;
        this.approvals = approvals;
        this.access = access;
        this.clock = clock;
    }

    /** A page of images as the caller sees them at {@code now}, with the list's total and next cursor. */
    public record ImagePage(Actor caller, ReplicatedPipeline pipeline, Instant now, ListPage<ImageState> images) {
    }

    /**
     * @param newest     the image's newest request on the pipeline as stored (shown judged now), if any
     * @param deployable {@link DeployablePolicy#deployable}
     * @param active     whether it is the image active on the pipeline's environment
     * @param allowedActions what the caller may do with it now ({@link ImageActions})
     */
    public record ImageState(Image image, Optional<ApprovalRequest> newest, boolean deployable, boolean active,
                             List<String> allowedActions) {
    }

    /** What a list of images is narrowed to; null fields do not filter. */
    public record ImageSearch(String tag, String text) {
    }

    /**
     * A person who may approve images of the pipeline, the approver rules (groups) they can fill, and whether a
     * request naming nobody asks them ({@link dev.shipgate.approval.approval.domain.DefaultRecipients}).
     */
    public record EligibleApprover(String userId, List<String> rules, boolean askedByDefault) {
    }

    /** Every image of the pipeline's application, newest first, filtered by the database, then paged. */
    public ImagePage images(String callerId, String pipelineId, ImageSearch search, PageAt at) {
        Actor caller = access.actor(callerId);
        ReplicatedPipeline pipeline = visiblePipeline(caller, pipelineId);
        Optional<String> active = activeImages.active(pipelineId).map(PipelineImage::digest);
        return page(caller, pipeline, active, images.list(new Images.ImageFilter(pipeline.application(),
                search.tag(), search.text(), null), at));
    }

    /**
     * "Approved images" of Select Image: approved, unused, unexpired, newest request first. A database filter on the
     * stored state (status APPROVED, {@code expiresAt} after now), which the followers of policy and access changes
     * keep current ({@link DeployablePolicy} judges each shown image again now). Without approval on the pipeline,
     * every image but the active one, newest first.
     */
    public ImagePage deployableImages(String callerId, String pipelineId, ImageSearch search, PageAt at) {
        Actor caller = access.actor(callerId);
        ReplicatedPipeline pipeline = visiblePipeline(caller, pipelineId);
        Optional<String> active = activeImages.active(pipelineId).map(PipelineImage::digest);
        if (pipeline.requiredApprovals() == 0) {
            return page(caller, pipeline, active, images.list(new Images.ImageFilter(pipeline.application(),
                    search.tag(), search.text(), active.orElse(null)), at));
        }
        Instant now = clock.instant();
        ListPage<ApprovalRequest> approved = queries.search(caller, new ApprovalRequests.RequestFilter(pipelineId,
                List.of(ApprovalStatus.APPROVED), search.tag(), search.text(), null, null, now, null, null), at);
        Map<String, Image> byDigest = images.findAll(approved.items().stream().map(r -> r.image().digest())
                .toList()).stream().collect(Collectors.toMap(Image::digest, Function.identity()));
        return page(caller, pipeline, active, approved.map(request -> byDigest.getOrDefault(request.image().digest(),
                asRequested(request))));
    }

    /** Who may approve images of the pipeline, sorted: never the caller (who would request), nor the builder. */
    public List<String> approvers(String callerId, String pipelineId, String imageDigest) {
        return approvers(callerId, visiblePipeline(access.actor(callerId), pipelineId), imageDigest);
    }

    /** As {@link #approvers}, each with the pipeline's approver rules whose group they are in. */
    public List<EligibleApprover> eligibleApprovers(String callerId, String pipelineId, String imageDigest) {
        ReplicatedPipeline pipeline = visiblePipeline(access.actor(callerId), pipelineId);
        List<String> groups = pipeline.approverRules().stream().map(rule -> rule.group()).toList();
        List<String> eligible = approvers(callerId, pipeline, imageDigest);
        Set<String> asked = Set.copyOf(approvals.askedByDefault(Set.copyOf(eligible), pipeline.scope()));
        return eligible.stream().map(access::actor)
                .map(actor -> new EligibleApprover(actor.userId(), groups.stream().filter(actor.groups()::contains)
                        .toList(), asked.contains(actor.userId())))
                .toList();
    }

    private List<String> approvers(String callerId, ReplicatedPipeline pipeline, String imageDigest) {
        String builder = imageDigest == null ? null : images.find(imageDigest).map(Image::builtBy).orElse(null);
        RequestedImage image = new RequestedImage(pipeline.id(), pipeline.project(), pipeline.application(),
                pipeline.environment(), imageDigest, null, builder);
        return approvals.eligibleApprovers(image, callerId).stream().sorted().toList();
    }

    private ImagePage page(Actor caller, ReplicatedPipeline pipeline, Optional<String> active, ListPage<Image> page) {
        Instant now = clock.instant();
        Map<String, ApprovalRequest> newest = requests.latestForImages(pipeline.id(),
                page.items().stream().map(Image::digest).toList());
        return new ImagePage(caller, pipeline, now, page.map(image -> {
            boolean isActive = active.map(image.digest()::equals).orElse(false);
            Optional<ApprovalRequest> latest = Optional.ofNullable(newest.get(image.digest()));
            Optional<ApprovalRequest> live = latest.map(approvals::live);
            boolean needsApproval = pipeline.requiredApprovals() > 0;
            boolean deployable = DeployablePolicy.deployable(needsApproval, isActive, live, now);
            return new ImageState(image, latest, deployable, isActive,
                    ImageActions.allowed(caller, pipeline.scope(), needsApproval, deployable, live, now));
        }));
    }

    /** The image as its request names it, should the image itself be gone. */
    private static Image asRequested(ApprovalRequest request) {
        RequestedImage image = request.image();
        return new Image(image.digest(), null, List.of(image.tag()), null, image.imageApplication(),
                image.builtBy(), request.createdAt());
    }

    private ReplicatedPipeline visiblePipeline(Actor caller, String pipelineId) {
        return pipelines.find(pipelineId).filter(pipeline -> ViewingPolicy.maySee(caller, pipeline.scope()))
                .orElseThrow(() -> ApprovalRefusal.UNKNOWN_PIPELINE.because("no pipeline " + pipelineId).exception());
    }
}
