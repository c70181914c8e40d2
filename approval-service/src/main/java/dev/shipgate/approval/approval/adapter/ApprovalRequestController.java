package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.approval.application.ApprovalRequests.RequestFilter;
import dev.shipgate.approval.approval.application.ApprovalService;
import dev.shipgate.approval.approval.application.RefusedAttempts;
import dev.shipgate.approval.approval.application.RequestQueries;
import dev.shipgate.approval.approval.application.VoteChannels;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.AwaitingVotePolicy;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.support.web.PageQuery;
import dev.shipgate.support.web.PagedAnswer;
import dev.shipgate.support.web.PagedResponse;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.support.security.CallerChannel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Approval requests: ask, vote, withdraw, let expire; and the lists the UI shows. */
@RestController
@Validated
@RequestMapping("/api/approval-requests")
class ApprovalRequestController {

    private final ApprovalService approvals;
    private final RequestQueries queries;
    private final RefusedAttempts refusals;
    private final AccessDirectory access;
    private final VoteChannels voteChannels;
    private final Clock clock;

    public ApprovalRequestController(ApprovalService approvals, RequestQueries queries,
                                     RefusedAttempts refusals, AccessDirectory access, VoteChannels voteChannels,
                                     Clock clock) {
        this.approvals = approvals;
        this.queries = queries;
        this.refusals = refusals;
        this.access = access;
        this.voteChannels = voteChannels;
        this.clock = clock;
    }

    /** {@code requester=me}: the caller. */
    static final String ME = "me";

    /** Refusals shown with a request's history: the newest this many. */
    static final int REFUSALS_SHOWN = 200;

    public record NewRequest(@NotBlank @Size(max = 100) String pipelineId,
                             @NotBlank @Size(max = 200) String imageDigest,
                             @Size(max = 50) List<@NotBlank @Size(max = 100) String> approvers,
                             @Size(max = 2000) String comment) {
    }

    /**
     * A vote; {@code link} is the receipt notification-service gave when it spent this user's approve-from-email
     * link for this request, so the history says the vote came through that link.
     */
    public record Vote(@Size(max = 2000) String comment, @Size(max = 1000) String link) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public RequestView request(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody NewRequest body) {
        ApprovalRequest request = approvals.request(caller.getSubject(), CallerChannel.of(caller), body.pipelineId(),
                body.imageDigest(), body.approvers(), body.comment());
        return view(request, caller);
    }

    @GetMapping("/{id}")
    public RequestView get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return view(visible(caller, id), caller);
    }

    /** What was done and what was refused on the request, oldest first, each with through what it came. */
    @GetMapping("/{id}/history")
    public List<HistoryLine> history(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        ApprovalRequest request = visible(caller, id);
        return HistoryLine.merge(request.history(), refusals.forRequest(id, REFUSALS_SHOWN));
    }

    @PostMapping("/{id}/approve")
    public RequestView approve(@AuthenticationPrincipal Jwt caller, @PathVariable String id,
                               @Valid @RequestBody(required = false) Vote body) {
        return view(approvals.approve(caller.getSubject(), channel(caller, id, body), id,
                body == null ? null : body.comment()), caller);
    }

    @PostMapping("/{id}/reject")
    public RequestView reject(@AuthenticationPrincipal Jwt caller, @PathVariable String id,
                              @Valid @RequestBody(required = false) Vote body) {
        return view(approvals.reject(caller.getSubject(), channel(caller, id, body), id,
                body == null ? null : body.comment()), caller);
    }

    /** The caller takes back their own approval while the request is not used (design rule 10). */
    @PostMapping("/{id}/withdraw")
    public RequestView withdraw(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return view(approvals.withdraw(caller.getSubject(), CallerChannel.of(caller), id), caller);
    }

    @PostMapping("/{id}/cancel")
    public RequestView cancel(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return view(approvals.cancel(caller.getSubject(), CallerChannel.of(caller), id), caller);
    }

    @PostMapping("/{id}/expire")
    public RequestView expire(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return view(approvals.expire(caller.getSubject(), CallerChannel.of(caller), id), caller);
    }

    private Channel channel(Jwt caller, String requestId, Vote body) {
        return voteChannels.of(caller.getSubject(), CallerChannel.of(caller), requestId,
                body == null ? null : body.link());
    }

    /**
     * Requests of a pipeline, or across pipelines, newest first; only those the caller may view, filtered by the
     * database before paging. {@code requester=me} (or a user id) lists one requester's requests: with
     * {@code status=PENDING&status=APPROVED}, a requester's own open requests. Pages: {@link PagedAnswer}.
     */
    @GetMapping
    @PagedResponse
    public ResponseEntity<List<RequestView>> search(@AuthenticationPrincipal Jwt caller,
                                                    @RequestParam(required = false) @Size(max = 100)
                                                    String pipelineId,
                                                    @RequestParam(required = false) List<ApprovalStatus> status,
                                                    @RequestParam(required = false) @Size(max = 100) String tag,
                                                    @RequestParam(required = false) @Size(max = 100) String requester,
                                                    @Valid @ParameterObject PageQuery paging) {
        Actor actor = access.actor(caller.getSubject());
        String requestedBy = requester == null || requester.isBlank() ? null
                : UserIds.canonical(ME.equals(requester) ? actor.userId() : requester);
        RequestFilter filter = new RequestFilter(pipelineId, status, tag, paging.text(), null, requestedBy,
                null, null, null);
        return PagedAnswer.of(queries.search(actor, filter, paging.at())
                .map(request -> view(request, actor)));
    }

    /**
     * The Approval pending tab: requests waiting for the caller's vote ({@link AwaitingVotePolicy}), newest first,
     * filtered by the database before paging. Pages: {@link PagedAnswer}.
     */
    @GetMapping("/pending-my-approval")
    @PagedResponse
    public ResponseEntity<List<RequestView>> pendingForMe(@AuthenticationPrincipal Jwt caller,
                                                          @RequestParam(required = false) @Size(max = 100)
                                                          String pipelineId,
                                                          @RequestParam(required = false) @Size(max = 100) String tag,
                                                          @Valid @ParameterObject PageQuery paging) {
        Actor actor = access.actor(caller.getSubject());
        RequestFilter filter = new RequestFilter(pipelineId, null, tag, paging.text(), null, null, null,
                null, null);
        Instant now = clock.instant();
        return PagedAnswer.of(queries.awaitingVote(actor, filter, paging.at(), now)
                .map(request -> view(request, actor)));
    }

    private ApprovalRequest visible(Jwt caller, String id) {
        return queries.visible(access.actor(caller.getSubject()), id);
    }

    private RequestView view(ApprovalRequest request, Jwt caller) {
        return view(request, access.actor(caller.getSubject()));
    }

    private RequestView view(ApprovalRequest stored, Actor caller) {
        return RequestView.now(approvals, stored, caller, clock.instant(),
                queries.escalatedTo(caller, stored).orElse(null));
    }
}
