package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.application.ApprovalService;
import dev.shipgate.approval.approval.application.PipelineImages;
import dev.shipgate.approval.approval.application.PipelineImages.EligibleApprover;
import dev.shipgate.approval.approval.application.PipelineImages.ImagePage;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.approval.application.PipelineImages.ImageSearch;
import dev.shipgate.support.web.PageQuery;
import dev.shipgate.support.web.PagedAnswer;
import dev.shipgate.support.web.PagedResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** What the Build & Deploy screens show for one pipeline ({@link PipelineImages} decides; this only speaks HTTP). */
@RestController
@Validated
class PipelineImagesController {

    private final PipelineImages pipelineImages;
    private final ApprovalService approvals;

    public PipelineImagesController(PipelineImages pipelineImages, ApprovalService approvals) {
        this.pipelineImages = pipelineImages;
        this.approvals = approvals;
    }

    /**
     * @param repository    where the image is pulled from (e.g. {@code registry.local/payments}), as CI reported it
     * @param latestRequest the newest approval request for the image on this pipeline, or null
     * @param deployable    whether deploying it now would pass the approval check
     * @param activeOn      the environment it is active on, or null
     * @param allowedActions what the caller may do with it now: {@code deploy} (deploying would pass the approval
     *                      check and the caller may deploy here), {@code schedule} (as deploy, and the approval is
     *                      still usable after now: a scheduled deploy runs later) and {@code request} (the caller may
     *                      ask for its approval: no open request on it); see {@code ImageActions}
     */
    public record ImageView(String digest, String repository, String tag, List<String> tags, String commit,
                            String builtBy, Instant builtAt, RequestView latestRequest, boolean deployable,
                            String activeOn, List<String> allowedActions) {
    }

    /**
     * Every image of the pipeline's application with its approval state, newest first (build time, then digest);
     * {@code q} finds part of a tag (any case) or of the digest, or the start of the commit. Pages:
     * {@link PagedAnswer}.
     */
    @GetMapping("/api/pipelines/{pipelineId}/images")
    @PagedResponse
    public ResponseEntity<List<ImageView>> images(@AuthenticationPrincipal Jwt caller,
                                                  @PathVariable String pipelineId,
                                                  @RequestParam(required = false) @Size(max = 100) String tag,
                                                  @Valid @ParameterObject PageQuery paging) {
        return views(pipelineImages.images(caller.getSubject(), pipelineId,
                new ImageSearch(tag, paging.text()), paging.at()));
    }

    /**
     * "Approved images" of Select Image: approved, unused, unexpired, newest request first; the active image only if
     * newly approved. Without approval on the pipeline, every image but the active one. {@code q} as for images.
     */
    @GetMapping("/api/pipelines/{pipelineId}/deployable-images")
    @PagedResponse
    public ResponseEntity<List<ImageView>> deployable(@AuthenticationPrincipal Jwt caller,
                                                      @PathVariable String pipelineId,
                                                      @RequestParam(required = false) @Size(max = 100) String tag,
                                                      @Valid @ParameterObject PageQuery paging) {
        return views(pipelineImages.deployableImages(caller.getSubject(), pipelineId,
                new ImageSearch(tag, paging.text()), paging.at()));
    }

    /** Who may approve images of this pipeline (for the caller's request: never themselves). */
    @GetMapping("/api/pipelines/{pipelineId}/approvers")
    public List<String> approvers(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId,
                                  @RequestParam(required = false) @Size(max = 200) String imageDigest) {
        return pipelineImages.approvers(caller.getSubject(), pipelineId, imageDigest);
    }

    /**
     * Who may approve images of this pipeline (never the caller, who would request; never the image's builder when
     * {@code imageDigest} is given), each with the approver rules they can fill: the rules whose group they are in
     * (by default one person counts toward one of them, see the pipeline's {@code countVoterInEveryRule}), and
     * {@code askedByDefault}: whether a request naming nobody asks them (the image approvers whose grants contain the
     * pipeline's scope; super admins only when none of those may approve; issue 19).
     */
    @GetMapping("/api/pipelines/{pipelineId}/eligible-approvers")
    public List<EligibleApprover> eligibleApprovers(@AuthenticationPrincipal Jwt caller,
                                                    @PathVariable String pipelineId,
                                                   @RequestParam(required = false) @Size(max = 200)
                                                    String imageDigest) {
        return pipelineImages.eligibleApprovers(caller.getSubject(), pipelineId, imageDigest);
    }

    private ResponseEntity<List<ImageView>> views(ImagePage page) {
        return PagedAnswer.of(page.images().map(state -> {
            Image image = state.image();
            RequestView latest = state.newest().map(request -> RequestView.now(approvals, request, page.caller(),
                    page.now())).orElse(null);
            return new ImageView(image.digest(), image.repository(), image.tag(), image.tags(), image.commit(),
                    image.builtBy(), image.builtAt(), latest, state.deployable(),
                    state.active() ? page.pipeline().environment() : null, state.allowedActions());
        }));
    }
}
