package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.approval.domain.RuleAssignment.RuleProgress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A request's approvals as they stand at one moment (design rule 10, "Decided at use"): which votes count under the
 * pipeline's <em>current</em> policy and each voter's <em>current</em> access, which are set aside and why, and each
 * approver rule's progress. Computed whenever a request is read, voted on or used, never stored.
 *
 * @param required  distinct approvers the current policy needs in all
 * @param counted   the voters who count, in the order they voted
 * @param setAside  votes that no longer count, with the reason
 * @param rules     each approver rule's progress (see {@link RuleAssignment})
 */
public record Tally(int required, List<String> counted, List<SetAside> setAside, List<RuleProgress> rules) {

    /** A vote that stopped counting: its author lost the right to approve this image. */
    public record SetAside(String userId, String reason) {
    }

    public Tally {
        counted = List.copyOf(counted);
        setAside = List.copyOf(setAside);
        rules = List.copyOf(rules);
    }

    /**
     * @param votes        the request's votes, oldest first
     * @param policy       the pipeline's policy now
     * @param image        what is being approved (its scope decides who may approve it)
     * @param currentActor each voter as they are now (an unknown or deactivated user has no permissions)
     */
    public static Tally of(List<Vote> votes, ApprovalPolicy policy, RequestedImage image,
                           Function<String, Actor> currentActor) {
        Map<String, Set<String>> groupsByVoter = new LinkedHashMap<>();
        List<SetAside> setAside = new ArrayList<>();
        for (Vote vote : votes) {
            Actor now = currentActor.apply(vote.userId());
            if (now.canApproveImages(image.scope())) {
                groupsByVoter.put(vote.userId(), Set.copyOf(now.groups()));
            } else {
                setAside.add(new SetAside(vote.userId(), vote.userId() + " may no longer approve images of "
                        + image.application() + " / " + image.environment() + ", so this approval no longer counts"));
            }
        }
        List<RuleProgress> rules = RuleAssignment.assign(policy.approverRules(), groupsByVoter,
                policy.countInEveryRule());
        return new Tally(policy.requiredApprovals(), List.copyOf(groupsByVoter.keySet()), setAside, rules);
    }

    /** Whether the current policy is met: enough people in all, and every rule filled. */
    public boolean met() {
        return counted.size() >= required && rules.stream().allMatch(RuleProgress::met);
    }

    /**
     * How many more approvals are needed at least: the missing total, or, when each person fills one rule, the sum
     * of what the rules lack (each missing seat needs another person), whichever is larger.
     */
    public int missing(boolean countInEveryRule) {
        int total = Math.max(0, required - counted.size());
        int byRules = rules.stream().mapToInt(rule -> Math.max(0, rule.need() - rule.have()))
                .reduce(0, countInEveryRule ? Math::max : Integer::sum);
        return Math.max(total, byRules);
    }
}
