package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.Outcome;
import dev.shipgate.approval.approval.domain.Vote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An approval request as the API shows it, with the actions the caller may take on it now. The actions are found
 * by asking the domain (a dry run of each command), so the UI offers exactly what the server would accept.
 */
public record RequestView(String id, String pipelineId, String application, String environment,
                          String imageDigest, String imageTag, String builtBy, String requestedBy,
                          List<String> notifiedApprovers, String comment, String status, int requiredApprovals,
                          int approvals, int remainingApprovals, List<VoteView> votes, Instant createdAt,
                          Instant expiresAt, String consumedBy, List<String> allowedActions) {

    public record VoteView(String userId, String comment, Instant at) {
        static VoteView of(Vote vote) {
            return new VoteView(vote.userId(), vote.comment(), vote.at());
        }
    }

    public static RequestView of(ApprovalRequest request, Actor caller, Instant now) {
        return new RequestView(request.id(), request.image().pipelineId(), request.image().application(),
                request.image().environment(), request.image().digest(), request.image().tag(),
                request.image().builtBy(), request.requestedBy(), request.notifiedApprovers(), request.comment(),
                request.status().name(), request.policy().requiredApprovals(), request.votes().size(),
                request.remainingApprovals(), request.votes().stream().map(VoteView::of).toList(),
                request.createdAt(), request.expiresAt(), request.consumedBy(), allowed(request, caller, now));
    }

    private static List<String> allowed(ApprovalRequest request, Actor caller, Instant now) {
        List<String> actions = new ArrayList<>();
        if (request.approve(caller, null, now) instanceof Outcome.Accepted) {
            actions.add("approve");
            actions.add("reject");
        }
        if (request.cancel(caller, now) instanceof Outcome.Accepted) {
            actions.add("cancel");
        }
        if (request.expire(caller, now) instanceof Outcome.Accepted) {
            actions.add("expire");
        }
        return actions;
    }
}
