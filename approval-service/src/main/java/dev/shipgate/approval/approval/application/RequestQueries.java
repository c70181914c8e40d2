package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.application.ApprovalRequests.RequestFilter;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalRefusal;
import dev.shipgate.approval.approval.domain.AwaitingVotePolicy;
import dev.shipgate.approval.approval.domain.EscalationPolicy;
import dev.shipgate.approval.approval.domain.Escalations;
import dev.shipgate.approval.approval.domain.Reach;
import dev.shipgate.approval.approval.domain.ViewingPolicy;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reading approval requests as a caller may see them ({@link ViewingPolicy}) and the ones waiting for their vote
 * ({@link AwaitingVotePolicy}): both are database filters, applied before paging, so every page is full but the last
 * and the total counts exactly what the caller may see.
 */
public class RequestQueries {

    /** A commit prefix matches at most this many images (a short prefix is a search by tag or digest anyway). */
    static final int COMMIT_MATCHES = 1000;

    private final ApprovalRequests requests;
    private final Images images;
    private final EscalationPlans escalations;
    private final Clock clock;

    public RequestQueries(ApprovalRequests requests, Images images) {
        this(requests, images, Escalations.none(), Clock.systemUTC());
    }

    /** Queries with fixed escalations. */
    public RequestQueries(ApprovalRequests requests, Images images, Escalations escalations, Clock clock) {
        this(requests, images, () -> escalations, clock);
    }

    public RequestQueries(ApprovalRequests requests, Images images, EscalationPlans escalations, Clock clock) {
        this.requests = requests;
        this.images = images;
        this.escalations = escalations;
        this.clock = clock;
    }

    /**
     * The request, if {@code actor} may see it: on a scope they see, or escalated to their group
     * ({@link EscalationPolicy#seesEscalated}).
     *
     * @throws dev.shipgate.contracts.refusal.RefusedException UNKNOWN_REQUEST when there is none or the actor may not
     *                                                         see it (the same answer: outsiders learn nothing)
     */
    public ApprovalRequest visible(Actor actor, String id) {
        return requests.find(id).filter(request -> ViewingPolicy.maySee(actor, request.image().scope())
                        || EscalationPolicy.seesEscalated(actor, request, escalations.current(), clock.instant()))
                .orElseThrow(() -> ApprovalRefusal.UNKNOWN_REQUEST.because("no approval request " + id).exception());
    }

    /**
     * The group {@code request} was escalated to, when {@code actor} sees it only for that reason
     * ({@link EscalationPolicy#escalatedTo}); empty otherwise.
     */
    public Optional<String> escalatedTo(Actor actor, ApprovalRequest request) {
        return EscalationPolicy.escalatedTo(actor, request, escalations.current(), clock.instant());
    }

    /** The page of {@code wanted} that {@code actor} may see; newest first. */
    public ListPage<ApprovalRequest> search(Actor actor, RequestFilter wanted, PageAt at) {
        return requests.list(withCommits(wanted, ViewingPolicy.reach(actor), null), at);
    }

    /**
     * The page of {@code wanted} in {@code actor}'s Approval pending list at {@code now}: waiting for their vote, or
     * escalated to their group ({@link EscalationPolicy#inPendingList}).
     */
    public ListPage<ApprovalRequest> awaitingVote(Actor actor, RequestFilter wanted, PageAt at, Instant now) {
        Optional<AwaitingVotePolicy.VoterFilter> voter = AwaitingVotePolicy.filterFor(actor, now);
        Optional<EscalationPolicy.EscalatedFilter> escalated = EscalationPolicy.filterFor(actor, escalations.current(),
                now);
        if (voter.isEmpty() && escalated.isEmpty()) {
            return new ListPage<>(List.of(), 0, null);
        }
        return requests.list(withCommits(wanted, null, voter.orElse(null), escalated.orElse(null)), at);
    }

    private RequestFilter withCommits(RequestFilter wanted, Reach visibleIn,
                                      AwaitingVotePolicy.VoterFilter awaiting) {
        return withCommits(wanted, visibleIn, awaiting, null);
    }

    private RequestFilter withCommits(RequestFilter wanted, Reach visibleIn, AwaitingVotePolicy.VoterFilter awaiting,
                                      EscalationPolicy.EscalatedFilter escalated) {
        List<String> commitDigests = wanted.text() == null || wanted.text().isBlank() ? List.of()
                : images.digestsOfCommit(wanted.text().strip(), COMMIT_MATCHES);
        return new RequestFilter(wanted.pipelineId(), wanted.statuses(), wanted.tag(), wanted.text(), commitDigests,
                wanted.requestedBy(), wanted.expiresAfter(), visibleIn, awaiting, escalated);
    }
}
