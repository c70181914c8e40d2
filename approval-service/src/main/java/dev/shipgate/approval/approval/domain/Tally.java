package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.RuleAssignment.RuleProgress;
import dev.shipgate.contracts.identity.UserIds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's approvals as they stand at one moment (design rule 10, "Decided at use"): which votes count under the
 * pipeline's <em>current</em> policy and each voter's <em>current</em> access, which are set aside and why, and each
 * approver rule's progress. Computed whenever a request is read, voted on or used, never stored.
 *
 * @param required         distinct approvers the current policy needs in all
 * @param counted          the voters who count, in the order they voted
 * @param setAside         votes that no longer count, with the reason
 * @param rules            each approver rule's progress (see {@link RuleAssignment})
 * @param countInEveryRule whether one person counts toward every rule whose group they are in
 */
public record Tally(int required, List<String> counted, List<SetAside> setAside, List<RuleProgress> rules,
                    boolean countInEveryRule) {

    /** A vote that stopped counting, with why in words for people. */
    public record SetAside(String userId, String reason) {
    }

    public Tally {
        counted = List.copyOf(counted);
        setAside = List.copyOf(setAside);
        rules = List.copyOf(rules);
    }

    /**
     * @param votes       the request's votes, oldest first
     * @param policy      the pipeline's policy now
     * @param image       what is being approved (its scope decides who may approve it; its builder never counts)
     * @param requestedBy who asked (never counts, design rule 4)
     * @param people      each voter as they are now (an unknown or deactivated user has no permissions)
     */
    public static Tally of(List<Vote> votes, ApprovalPolicy policy, RequestedImage image, String requestedBy,
                           People people) {
        Map<String, Set<String>> groupsByVoter = new LinkedHashMap<>();
        List<SetAside> setAside = new ArrayList<>();
        for (Vote vote : votes) {
            String voter = UserIds.canonical(vote.userId());
            if (UserIds.same(voter, requestedBy)) {
                setAside.add(new SetAside(voter, voter + " requested this approval, so their vote does not count"));
            } else if (UserIds.same(voter, image.builtBy())) {
                setAside.add(new SetAside(voter, voter + " built this image, so their vote does not count"));
            } else if (groupsByVoter.containsKey(voter)) {
                setAside.add(new SetAside(voter, voter + " voted twice: one vote counts"));
            } else {
                Actor now = people.now(voter);
                if (now.serviceAccount()) {
                    setAside.add(new SetAside(voter, voter + " is a service account: approvals come from people,"
                            + " so its vote does not count"));
                } else if (now.canApproveImages(image.scope())) {
                    groupsByVoter.put(voter, Set.copyOf(now.groups()));
                } else {
                    setAside.add(new SetAside(voter, voter + " may no longer approve images of "
                            + image.application() + " / " + image.environment()
                            + " (removed from a group, lost Image Approver, or deactivated), so this approval"
                            + " no longer counts"));
                }
            }
        }
        List<RuleProgress> rules = RuleAssignment.assign(policy.approverRules(), groupsByVoter,
                policy.countInEveryRule());
        return new Tally(policy.requiredApprovals(), List.copyOf(groupsByVoter.keySet()), setAside, rules,
                policy.countInEveryRule());
    }

    /** Whether the current policy is met: enough people in all, and every rule filled. */
    public boolean met() {
        return counted.size() >= required && rules.stream().allMatch(RuleProgress::met);
    }

    /**
     * How many more approvals are needed at least: the missing total, or, when each person fills one rule, the sum
     * of what the rules lack (each missing seat needs another person), whichever is larger.
     */
    public int missing() {
        int total = Math.max(0, required - counted.size());
        int byRules = rules.stream().mapToInt(rule -> Math.max(0, rule.need() - rule.have()))
                .reduce(0, countInEveryRule ? Math::max : Integer::sum);
        return Math.max(total, byRules);
    }

    /** What the current policy still lacks, in words for people; empty when it is met. */
    public String shortfall() {
        List<String> parts = new ArrayList<>();
        if (counted.size() < required) {
            parts.add(counted.size() + " of " + required + " required approvals count");
        }
        rules.stream().filter(rule -> !rule.met()).forEach(rule -> parts.add("rule '" + rule.rule().group()
                + "' has " + rule.have() + " of " + rule.need()));
        setAside.forEach(vote -> parts.add(vote.reason()));
        return String.join("; ", parts);
    }
}
