package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.application.ApprovalService;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.Outcome;
import dev.shipgate.approval.approval.domain.People;
import dev.shipgate.approval.approval.domain.RuleAssignment.RuleProgress;
import dev.shipgate.approval.approval.domain.Tally;
import dev.shipgate.approval.approval.domain.Vote;
import dev.shipgate.contracts.identity.UserIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An approval request as the API shows it <em>now</em> (design rule 10): its status, counts and rule progress are
 * judged under the pipeline's policy and each voter's access at the moment of the read, so an approval past its
 * {@code expiresAt} reads EXPIRED at once and a vote whose author lost the right shows as not counted, with why.
 * The actions are found by asking the domain (a dry run of each command), so the UI offers exactly what the server
 * would accept.
 *
 * @param requiredApprovals  what the pipeline needs now in all
 * @param approvals          the votes that count now
 * @param remainingApprovals approvals still missing now (0 unless pending)
 * @param total              progress toward the total: have / need, who counts, who could still complete it
 * @param rules              per approver rule: have / need, who counts toward it, who could still complete it
 * @param escalatedTo        the fallback group the request was escalated to, when the reader has it in their pending
 *                           list only for that (issue 19: the group's members see it, it does not await their vote);
 *                           null otherwise
 */
record RequestView(String id, String pipelineId, String application, String environment,
                          String imageDigest, String imageTag, String builtBy, String requestedBy,
                          List<String> notifiedApprovers, String comment, String status, int requiredApprovals,
                          int approvals, int remainingApprovals, List<VoteView> votes, Instant createdAt,
                          Instant expiresAt, String consumedBy, List<String> allowedActions, Progress total,
                          List<RuleView> rules, boolean countVoterInEveryRule, String escalatedTo) {

    /** A vote; {@code counts} false with the {@code reason} when it no longer counts. */
    public record VoteView(String userId, String comment, Instant at, boolean counts, String reason) {
    }

    /**
     * @param couldComplete eligible approvers who have not voted (never the requester or builder); empty unless the
     *                      request is pending
     */
    public record Progress(int have, int need, List<String> counted, List<String> couldComplete) {
    }

    /** One approver rule's progress: {@code have} of {@code need} from {@code group}. */
    public record RuleView(String group, int have, int need, List<String> counted, List<String> couldComplete) {
    }

    /** The stored request as it stands at {@code now}: judged under the pipeline's policy and people's access now. */
    public static RequestView now(ApprovalService approvals, ApprovalRequest stored, Actor caller, Instant now) {
        return now(approvals, stored, caller, now, null);
    }

    /** As {@link #now(ApprovalService, ApprovalRequest, Actor, Instant)}, saying the group it was escalated to. */
    public static RequestView now(ApprovalService approvals, ApprovalRequest stored, Actor caller, Instant now,
                                  String escalatedTo) {
        ApprovalRequest live = approvals.live(stored);
        return of(live, approvals.tally(live), approvals.stillEligible(live), caller, approvals.people(), now,
                escalatedTo);
    }

    /**
     * @param live          the request as it stands now
     * @param tally         its approvals as they count now
     * @param stillEligible who could still approve it now, with their groups
     */
    public static RequestView of(ApprovalRequest live, Tally tally, List<Actor> stillEligible, Actor caller,
                                 People people, Instant now, String escalatedTo) {
        Map<String, String> setAside = tally.setAside().stream()
                .collect(Collectors.toMap(Tally.SetAside::userId, Tally.SetAside::reason, (a, b) -> a));
        Function<Vote, VoteView> vote = v -> {
            String reason = setAside.get(UserIds.canonical(v.userId()));
            return new VoteView(v.userId(), v.comment(), v.at(), reason == null, reason);
        };
        List<String> couldApprove = stillEligible.stream().map(Actor::userId).toList();
        List<RuleView> rules = tally.rules().stream().map(rule -> ruleView(rule, stillEligible)).toList();
        return new RequestView(live.id(), live.image().pipelineId(), live.image().application(),
                live.image().environment(), live.image().digest(), live.image().tag(), live.image().builtBy(),
                live.requestedBy(), live.notifiedApprovers(), live.comment(), live.status().name(),
                live.policy().requiredApprovals(), tally.counted().size(),
                live.status() == ApprovalStatus.PENDING ? tally.missing() : 0,
                live.votes().stream().map(vote).toList(), live.createdAt(), live.expiresAt(), live.consumedBy(),
                allowed(live, caller, people, now),
                new Progress(tally.counted().size(), tally.required(), tally.counted(), couldApprove), rules,
                live.policy().countInEveryRule(), escalatedTo);
    }

    private static RuleView ruleView(RuleProgress rule, List<Actor> stillEligible) {
        List<String> could = rule.met() ? List.of() : stillEligible.stream()
                .filter(actor -> actor.groups().contains(rule.rule().group()))
                .map(Actor::userId).toList();
        return new RuleView(rule.rule().group(), rule.have(), rule.need(), rule.counted(), could);
    }

    private static List<String> allowed(ApprovalRequest request, Actor caller, People people, Instant now) {
        List<String> actions = new ArrayList<>();
        if (request.approve(people, caller, null, now) instanceof Outcome.Accepted) {
            actions.add("approve");
            actions.add("reject");
        }
        if (request.withdraw(people, caller, now) instanceof Outcome.Accepted) {
            actions.add("withdraw");
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
