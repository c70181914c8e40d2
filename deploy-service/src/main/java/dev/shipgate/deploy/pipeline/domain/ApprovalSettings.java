package dev.shipgate.deploy.pipeline.domain;

import dev.shipgate.contracts.events.ApproverRule;

import java.util.List;

/**
 * A pipeline's approval policy: how many distinct approvers (0 = none needed, at most 6), groups that must give
 * some of them, how long an unused approval lasts, whether an approver may deploy what they approved, and whether one
 * person counts toward every approver rule whose group they are in ({@code countVoterInEveryRule}; by default, null
 * or false, toward at most one: design rule 11).
 */
public record ApprovalSettings(int requiredApprovals, List<ApproverRule> approverRules, long approvalLifetimeSeconds,
                               Long requestLifetimeSeconds, boolean approverMayDeploy, Boolean countVoterInEveryRule) {

    public static final int MAX_APPROVALS = 6;

    public ApprovalSettings {
        approverRules = approverRules == null ? List.of() : List.copyOf(approverRules);
        countVoterInEveryRule = Boolean.TRUE.equals(countVoterInEveryRule);
        if (requiredApprovals < 0 || requiredApprovals > MAX_APPROVALS) {
            throw new IllegalArgumentException("requiredApprovals must be between 0 and " + MAX_APPROVALS);
        }
        if (approvalLifetimeSeconds < 60) {
            throw new IllegalArgumentException("approvalLifetimeSeconds must be at least 60");
        }
        if (requestLifetimeSeconds != null && requestLifetimeSeconds < 60) {
            throw new IllegalArgumentException("requestLifetimeSeconds must be at least 60");
        }
        for (ApproverRule rule : approverRules) {
            if (rule.approvals() < 1 || rule.approvals() > MAX_APPROVALS) {
                throw new IllegalArgumentException("an approver rule needs 1 to " + MAX_APPROVALS + " approvals");
            }
        }
    }

    public static ApprovalSettings none() {
        return new ApprovalSettings(0, List.of(), 86_400, null, false, false);
    }
}
