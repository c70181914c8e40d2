package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.contracts.events.ApproverRule;

import java.time.Duration;
import java.util.List;

/**
 * A pipeline's approval rules. A request keeps the policy it was last judged under, but is always judged under the
 * pipeline's policy at the moment it is read, voted on or used (design rule 10, {@link ApprovalRequest#withPolicy}).
 *
 * @param requiredApprovals distinct approvers needed (0: no approval needed)
 * @param approverRules     groups that must give some of the approvals
 * @param approvalLifetime  how long an unused approval stays deployable
 * @param requestLifetime   how long a request may wait for votes
 * @param approverMayDeploy whether someone who approved may deploy what they approved
 * @param automatic         the last approval starts the deployment
 * @param countInEveryRule  whether one person counts toward every rule whose group they are in (default: at most one
 *                          rule, see {@link RuleAssignment})
 */
public record ApprovalPolicy(int requiredApprovals, List<ApproverRule> approverRules, Duration approvalLifetime,
                             Duration requestLifetime, boolean approverMayDeploy, boolean automatic,
                             boolean countInEveryRule) {

    public static final int MAX_APPROVALS = 6;

    public ApprovalPolicy {
        approverRules = approverRules == null ? List.of() : List.copyOf(approverRules);
        if (requiredApprovals < 0 || requiredApprovals > MAX_APPROVALS) {
            throw new IllegalArgumentException("requiredApprovals must be 0.." + MAX_APPROVALS);
        }
    }

    /** A policy that counts each person toward at most one rule. */
    public ApprovalPolicy(int requiredApprovals, List<ApproverRule> approverRules, Duration approvalLifetime,
                          Duration requestLifetime, boolean approverMayDeploy, boolean automatic) {
        this(requiredApprovals, approverRules, approvalLifetime, requestLifetime, approverMayDeploy, automatic, false);
    }

    /** {@code pipeline}'s policy: its own request lifetime, or {@code defaultRequestLifetime} when it sets none. */
    public static ApprovalPolicy of(ReplicatedPipeline pipeline, Duration defaultRequestLifetime) {
        Duration requestLifetime = pipeline.requestLifetimeSeconds() == null ? defaultRequestLifetime
                : Duration.ofSeconds(pipeline.requestLifetimeSeconds());
        return new ApprovalPolicy(pipeline.requiredApprovals(), pipeline.approverRules(),
                Duration.ofSeconds(pipeline.approvalLifetimeSeconds()), requestLifetime, pipeline.approverMayDeploy(),
                "AUTOMATIC".equals(pipeline.trigger()), Boolean.TRUE.equals(pipeline.countVoterInEveryRule()));
    }

    public boolean needsApproval() {
        return requiredApprovals > 0;
    }
}
