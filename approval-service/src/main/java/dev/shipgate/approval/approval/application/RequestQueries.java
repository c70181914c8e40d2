package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.approval.application.ApprovalRequests.RequestQuery;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalRefusal;
import dev.shipgate.approval.approval.domain.ViewingPolicy;

import java.util.List;

/** Reading approval requests as a caller may see them ({@link ViewingPolicy}). */
public class RequestQueries {

    private final ApprovalRequests requests;

    public RequestQueries(ApprovalRequests requests) {
        this.requests = requests;
    }

    /**
     * The request, if {@code actor} may see it.
     *
     * @throws dev.shipgate.contracts.refusal.RefusedException UNKNOWN_REQUEST when there is none or the actor may not
     *                                                         see it (the same answer: outsiders learn nothing)
     */
    public ApprovalRequest visible(Actor actor, String id) {
        return requests.find(id).filter(request -> ViewingPolicy.maySee(actor, request.image().scope()))
                .orElseThrow(() -> ApprovalRefusal.UNKNOWN_REQUEST.because("no approval request " + id).exception());
    }

    /** The page {@code query} asks for, counting only the requests {@code actor} may see; newest first. */
    public List<ApprovalRequest> search(Actor actor, RequestQuery query) {
        return FilteredPages.page(batch -> requests.search(new RequestQuery(query.pipelineId(), query.statuses(),
                        query.tag(), batch, FilteredPages.BATCH)),
                request -> ViewingPolicy.maySee(actor, request.image().scope()), query.page(), query.size());
    }
}
