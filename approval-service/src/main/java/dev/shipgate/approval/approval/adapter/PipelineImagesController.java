package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.approval.application.ApprovalRequests;
import dev.shipgate.approval.approval.application.ApprovalService;
import dev.shipgate.approval.approval.application.RefusedByDomainException;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.Refusal;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.pipeline.application.ActiveImages;
import dev.shipgate.approval.pipeline.application.Pipelines;
import dev.shipgate.approval.pipeline.domain.Pipeline;
import dev.shipgate.contracts.events.PipelineImage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the Build & Deploy screens show for one pipeline. */
@RestController
@Validated
class PipelineImagesController {

    private final Pipelines pipelines;
    private final Images images;
    private final ApprovalRequests requests;
    private final ActiveImages activeImages;
    private final ApprovalService approvals;
    private final AccessDirectory access;
    private final Clock clock;

    public PipelineImagesController(Pipelines pipelines, Images images, ApprovalRequests requests,
                                    ActiveImages activeImages, ApprovalService approvals, AccessDirectory access,
                                    Clock clock) {
        this.pipelines = pipelines;
        this.images = images;
        this.requests = requests;
        this.activeImages = activeImages;
        this.approvals = approvals;
        this.access = access;
        this.clock = clock;
    }

    /**
     * @param latestRequest the newest approval request for the image on this pipeline, or null
     * @param deployable    whether deploying it now would pass the approval check
     * @param activeOn      the environment it is active on, or null
     */
    public record ImageView(String digest, String tag, List<String> tags, String commit, String builtBy,
                            Instant builtAt, RequestView latestRequest, boolean deployable, String activeOn) {
    }

    /** Every image of the pipeline's application with its approval state, newest first. */
    @GetMapping("/api/pipelines/{pipelineId}/images")
    public List<ImageView> images(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                                  @RequestParam(required = false) @Size(max = 100) String tag,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Actor actor = access.actor(caller.getSubject());
        Pipeline pipeline = viewable(actor, pipelineId);
        Optional<PipelineImage> active = activeImages.active(pipelineId);
        return views(pipeline, images.forApplication(pipeline.application(), tag, page, size), actor, active);
    }

    /**
     * "Approved images" of Select Image: approved, unused, unexpired; the active image only if newly approved.
     * Without approval on the pipeline, every image but the active one.
     */
    @GetMapping("/api/pipelines/{pipelineId}/deployable-images")
    public List<ImageView> deployable(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                                      @RequestParam(required = false) @Size(max = 100) String tag,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Actor actor = access.actor(caller.getSubject());
        Pipeline pipeline = viewable(actor, pipelineId);
        Optional<PipelineImage> active = activeImages.active(pipelineId);
        if (pipeline.requiredApprovals() == 0) {
            return views(pipeline, images.forApplication(pipeline.application(), tag, page, size).stream()
                    .filter(image -> active.map(a -> !a.digest().equals(image.digest())).orElse(true))
                    .toList(), actor, active);
        }
        // judged now: a pending request that meets a lowered policy is deployable, an approval past its time is not
        return views(pipeline, requests.search(new ApprovalRequests.RequestQuery(pipelineId,
                        List.of(ApprovalStatus.APPROVED, ApprovalStatus.PENDING), tag, page, size)).stream()
                .map(approvals::live)
                .filter(request -> request.checkUsable(clock.instant()) == null)
                .map(request -> images.find(request.image().digest()))
                .flatMap(Optional::stream)
                .toList(), actor, active);
    }

    /** Who may approve images of this pipeline (for the caller's request: never themselves). */
    @GetMapping("/api/pipelines/{pipelineId}/approvers")
    public List<String> approvers(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                                  @RequestParam(required = false) @Size(max = 200) String imageDigest) {
        Pipeline pipeline = viewable(access.actor(caller.getSubject()), pipelineId);
        String builder = imageDigest == null ? null : images.find(imageDigest).map(Image::builtBy).orElse(null);
        RequestedImage image = new RequestedImage(pipeline.id(), pipeline.project(), pipeline.application(),
                pipeline.environment(), imageDigest, null, builder);
        return approvals.eligibleApprovers(image, caller.getSubject()).stream().sorted().toList();
    }

    /**
     * A person who may approve images of this pipeline, and the approver rules they can fill: the rules whose group
     * they are in (by default one person counts toward one of them, see the pipeline's {@code countVoterInEveryRule}).
     */
    public record EligibleApprover(String userId, List<String> rules) {
    }

    /**
     * Who may approve images of this pipeline (never the caller, who would request; never the image's builder when
     * {@code imageDigest} is given), each with the approver rules they can fill.
     */
    @GetMapping("/api/pipelines/{pipelineId}/eligible-approvers")
    public List<EligibleApprover> eligibleApprovers(@AuthenticationPrincipal Jwt caller,
                                                    @PathVariable String pipelineId,
                                                    @RequestParam(required = false) @Size(max = 200)
                                                    String imageDigest) {
        Pipeline pipeline = pipelines.find(pipelineId).orElse(null);
        List<String> ids = approvers(caller, pipelineId, imageDigest);
        List<String> groups = pipeline.approverRules().stream().map(rule -> rule.group()).toList();
        return ids.stream().map(access::actor).map(actor -> new EligibleApprover(actor.userId(),
                groups.stream().filter(actor.groups()::contains).toList())).toList();
    }

    private List<ImageView> views(Pipeline pipeline, List<Image> page, Actor actor, Optional<PipelineImage> active) {
        Map<String, ApprovalRequest> latest = requests.latestForImages(pipeline.id(),
                page.stream().map(Image::digest).toList());
        return page.stream().map(image -> view(pipeline, image, Optional.ofNullable(latest.get(image.digest())),
                actor, active)).toList();
    }

    private ImageView view(Pipeline pipeline, Image image, Optional<ApprovalRequest> latest, Actor actor,
                           Optional<PipelineImage> active) {
        Instant now = clock.instant();
        boolean isActive = active.map(a -> a.digest().equals(image.digest())).orElse(false);
        Optional<ApprovalRequest> live = latest.map(approvals::live);
        boolean deployable = pipeline.requiredApprovals() == 0 ? !isActive
                : live.map(request -> request.checkUsable(now) == null).orElse(false);
        return new ImageView(image.digest(), image.tag(), image.tags(), image.commit(), image.builtBy(),
                image.builtAt(), latest.map(request -> RequestView.now(approvals, request, actor, now)).orElse(null),
                deployable,
                isActive ? pipeline.environment() : null);
    }

    private Pipeline viewable(Actor actor, String pipelineId) {
        return pipelines.find(pipelineId)
                .filter(p -> actor.permissions().canView(p.scope()) || actor.canApproveImages(p.scope()))
                .orElseThrow(() -> new RefusedByDomainException(Refusal.of(Refusal.Reason.UNKNOWN_PIPELINE,
                        "no pipeline " + pipelineId)));
    }
}
